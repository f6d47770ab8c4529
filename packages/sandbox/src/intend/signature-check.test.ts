import { createIntendSigner } from '@bridgekit/intend-signer';
import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import { signatureCheck } from './signature-check.js';

const url = 'http://intend.test/api/clients';
const appWith = (secretKey: string | readonly string[]) =>
  new Hono().get('/api/clients', signatureCheck({ apiKey: 'demo-key', secretKey }), (context) =>
    context.text('passed'),
  );
const signedBy = async (secretKey: string) =>
  createIntendSigner({ apiKey: 'demo-key', secretKey }).sign({ method: 'GET', url });

describe('signatureCheck', () => {
  it('lets a request signed with any current secret through', async () => {
    const app = appWith(['new-secret-key', 'old-secret-key']);
    for (const secret of ['new-secret-key', 'old-secret-key']) {
      expect(await (await app.request(url, { headers: await signedBy(secret) })).text()).toBe('passed');
    }
  });

  it.each([
    ['missing_header', async () => ({})],
    ['signature_mismatch', () => signedBy('another-secret-key')],
  ])('answers 401 in the envelope with %s', async (reason, headers) => {
    const response = await appWith('demo-secret-key').request(url, { headers: await headers() });
    expect(response.status).toBe(401);
    expect(await response.json()).toEqual({
      status: 401,
      response: false,
      data: null,
      msg: `Authentication failed: ${reason}`,
    });
  });
});
