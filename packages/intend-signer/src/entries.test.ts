import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import * as defaultEntry from './index.js';
import * as nodeEntry from './index.node.js';

describe('entries', () => {
  it('export the same API', () => {
    expect(Object.keys(nodeEntry).sort()).toEqual(Object.keys(defaultEntry).sort());
    expect(Object.keys(defaultEntry).sort()).toEqual([
      'IntendScheme',
      'canonicalQuery',
      'canonicalRequest',
      'createIntendSigner',
      'defaultHeaderNames',
      'emptyBodySha256',
      'encodeRfc3986',
      'intendAuth',
      'verifyIntendRequest',
    ]);
  });

  it('verify what the other entry signs', async () => {
    const apiKey = 'key';
    const secretKey = 'secret';
    const now = () => 1_732_370_000_000;
    const request = { method: 'POST', url: 'https://acme.intend.com/api/x?b=1&a=2', body: 'ü' };
    for (const [signing, verifying] of [
      [defaultEntry, nodeEntry],
      [nodeEntry, defaultEntry],
    ] as const) {
      const headers = await signing
        .createIntendSigner({ apiKey, secretKey, scheme: 'canonical-request', now })
        .sign(request);
      await expect(
        verifying.verifyIntendRequest(
          { ...request, headers },
          { secretFor: () => secretKey, scheme: 'canonical-request', now },
        ),
      ).resolves.toBeDefined();
    }
  });

  it('are mapped in package.json: types first, node:crypto under `node`, Web Crypto by default', () => {
    const manifest = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as {
      exports: Record<string, unknown>;
      files: string[];
    };
    const root = manifest.exports['.'] as Record<string, string>;
    expect(Object.keys(root)).toEqual(['types', 'node', 'default']);
    expect(root).toEqual({
      types: './dist/index.d.ts',
      node: './dist/index.node.js',
      default: './dist/index.js',
    });
    expect(manifest.files).toContain('test-vectors.json');
  });
});
