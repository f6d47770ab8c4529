import { execFileSync } from 'node:child_process';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { entries } from './testing/entries.js';

// An HMAC implementation that shares nothing with this package or with Node's crypto binding
// being called from JavaScript: the openssl command line.
function opensslHmacSha256(secretKey: string, message: string): string {
  const output = execFileSync('openssl', ['dgst', '-sha256', '-hmac', secretKey], {
    input: message,
    encoding: 'utf8',
  });
  // `SHA2-256(stdin)= <hex>` on OpenSSL 3, `(stdin)= <hex>` on 1.1.
  const hex = output.trim().split('= ').at(-1) ?? '';
  if (!/^[0-9a-f]{64}$/.test(hex)) throw new Error(`unexpected openssl output: ${output}`);
  return hex;
}

// openssl takes the key as a command-line argument, so no NUL; keep it printable for the shell-free call anyway.
const printable = fc
  .string({ unit: 'grapheme', minLength: 1, maxLength: 40 })
  .filter((text) => text.trim() === text);
const apiKeyArbitrary = fc.string({
  unit: fc.integer({ min: 0x21, max: 0x7e }).map((code) => String.fromCharCode(code)),
  minLength: 1,
  maxLength: 40,
});

describe.each(entries)('$name: the default scheme against `openssl dgst -sha256 -hmac`', ({ api }) => {
  it('matches for the vendor example', async () => {
    const apiKey = 'a0761d825272c0a394e80f6cfc48bf9a';
    const signer = api.createIntendSigner({
      apiKey,
      secretKey: 'intend-secret-key-0001',
      now: () => 1_732_370_000_000,
    });
    const headers = await signer.sign({ method: 'GET', url: 'https://acme.intend.com/api/clients?page=2' });
    expect(headers['signature']).toBe(opensslHmacSha256('intend-secret-key-0001', `${apiKey}1732370000`));
  });

  it('matches for generated keys, secrets (unicode included) and clocks', async () => {
    await fc.assert(
      fc.asyncProperty(
        apiKeyArbitrary,
        printable,
        fc.integer({ min: 0, max: 4_000_000_000_000 }),
        async (apiKey, secretKey, now) => {
          const signer = api.createIntendSigner({ apiKey, secretKey, now: () => now });
          const headers = await signer.sign({ method: 'GET', url: 'https://acme.intend.com/api/clients' });
          expect(headers['timestamp']).toBe(String(Math.floor(now / 1000)));
          expect(headers['signature']).toBe(opensslHmacSha256(secretKey, `${apiKey}${headers['timestamp']}`));
        },
      ),
      { numRuns: 25 },
    );
  });
});
