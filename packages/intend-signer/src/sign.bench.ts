import { createHmac } from 'node:crypto';
import { describe, test } from 'vitest';
import { createIntendSigner as createWebCryptoSigner } from './index.js';
import { createIntendSigner } from './index.node.js';

// `pnpm bench`: sign() with the default scheme against raw createHmac computing the same HMAC
// (same key, same apiKey + timestamp message, same hex digest). Target: sign() >= 0.5x raw.
const apiKey = 'a0761d825272c0a394e80f6cfc48bf9a';
const secretKey = 'bench-secret-key-0123456789abcdef';
const request = { method: 'GET', url: 'https://acme.intend.com/api/clients?page=2' };

function rawCreateHmac(): string {
  const timestamp = String(Math.floor(Date.now() / 1000));
  return createHmac('sha256', secretKey)
    .update(apiKey + timestamp)
    .digest('hex');
}

describe("sign() with the default scheme vs raw createHmac (Node, 'node' entry)", () => {
  test('throughput ratio', async ({ bench }) => {
    const signer = createIntendSigner({ apiKey, secretKey });
    const results = await bench.compare(
      bench('raw createHmac', () => {
        rawCreateHmac();
      }),
      bench('signer.sign() (node:crypto)', async () => {
        await signer.sign(request);
      }),
    );
    const raw = results.get('raw createHmac').throughput.mean;
    const signed = results.get('signer.sign() (node:crypto)').throughput.mean;
    console.log(`sign() runs at ${(signed / raw).toFixed(2)}x raw createHmac (target >= 0.5x)`);
  });
});

describe('for reference: the default entry (Web Crypto) on Node', () => {
  test('throughput ratio', async ({ bench }) => {
    const signer = createWebCryptoSigner({ apiKey, secretKey });
    const results = await bench.compare(
      bench('raw createHmac', () => {
        rawCreateHmac();
      }),
      bench('signer.sign() (crypto.subtle)', async () => {
        await signer.sign(request);
      }),
    );
    const raw = results.get('raw createHmac').throughput.mean;
    const signed = results.get('signer.sign() (crypto.subtle)').throughput.mean;
    console.log(`Web Crypto sign() runs at ${(signed / raw).toFixed(2)}x raw createHmac`);
  });
});
