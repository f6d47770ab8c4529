import { createHmac } from 'node:crypto';
import { test } from 'vitest';
import { compareInRounds, perCall, record } from '../../../benchmarks/kit.js';
import { createIntendSigner as createWebCryptoSigner } from './index.js';
import { createIntendSigner } from './index.node.js';

// `pnpm bench`: sign() against raw createHmac computing the same HMAC (same key, same message, same
// hex digest), medians of several rounds side by side. Nothing fails for speed.
const apiKey = 'a0761d825272c0a394e80f6cfc48bf9a';
const secretKey = 'bench-secret-key-0123456789abcdef';
const calls = 20_000;

function rawKeyTimestamp(): string {
  const timestamp = String(Math.floor(Date.now() / 1000));
  return createHmac('sha256', secretKey)
    .update(apiKey + timestamp)
    .digest('hex');
}

test('sign(), default scheme, node:crypto entry, against raw createHmac', async () => {
  const signer = createIntendSigner({ apiKey, secretKey });
  const request = { method: 'GET', url: 'https://acme.intend.com/api/clients?page=2' };
  const times = await compareInRounds(7, {
    raw: () => perCall(calls, rawKeyTimestamp),
    sign: () => perCall(calls, () => signer.sign(request)),
  });
  const ratio = (times['raw'] ?? 0) / (times['sign'] ?? 1);
  record({
    id: 'intend-signer.01',
    title: '`sign()`, default scheme (`key-timestamp`), node:crypto',
    unit: 'µs per call',
    subject: { label: 'signer.sign()', value: (times['sign'] ?? 0) * 1000 },
    baseline: { label: 'raw createHmac', value: (times['raw'] ?? 0) * 1000 },
    ratio,
    ratioMeaning: "of raw createHmac's throughput",
    target: '>= 0.5x',
    met: ratio >= 0.5,
    note: 'the message (API key + whole-second timestamp) repeats within a second, and the signer reuses its last signature',
  });
});

test('sign(), canonical-request (a new message every call), node:crypto and Web Crypto', async () => {
  const nodeSigner = createIntendSigner({ apiKey, secretKey, scheme: 'canonical-request' });
  const webSigner = createWebCryptoSigner({ apiKey, secretKey, scheme: 'canonical-request' });
  let page = 0;
  const nextPage = () => {
    page += 1;
    return page;
  };
  const next = () => ({ method: 'GET', url: `https://acme.intend.com/api/clients?page=${nextPage()}` });
  const rawCanonical = () =>
    createHmac('sha256', secretKey)
      .update(
        `GET\n/api/clients\npage=${nextPage()}\n${Math.floor(Date.now() / 1000)}\ne3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855`,
      )
      .digest('hex');
  const times = await compareInRounds(5, {
    raw: () => perCall(calls, rawCanonical),
    node: () => perCall(calls, () => nodeSigner.sign(next())),
    web: () => perCall(calls, () => webSigner.sign(next())),
  });
  const ratio = (times['raw'] ?? 0) / (times['node'] ?? 1);
  record({
    id: 'intend-signer.02',
    title: '`sign()`, `canonical-request`, a new request every call',
    unit: 'µs per call',
    subject: { label: 'signer.sign() (node:crypto)', value: (times['node'] ?? 0) * 1000 },
    baseline: { label: 'raw createHmac of the canonical string', value: (times['raw'] ?? 0) * 1000 },
    peers: [{ label: 'signer.sign() (Web Crypto entry)', value: (times['web'] ?? 0) * 1000 }],
    ratio,
    ratioMeaning: "of raw createHmac's throughput",
    target: 'for reference (the default scheme is the one with a target)',
    met: true,
    note: 'includes parsing the URL, canonicalising the query byte-exactly and hashing the body',
  });
});
