import * as nodeCrypto from 'node:crypto';
import { describe, expect, it, vi } from 'vitest';
import type { CryptoBackend } from './crypto-backend.js';
import { constantTimeEqual } from './encoding.js';
import { createIntendSigner } from './index.js';
import { verifyWith } from './verify-intend-request.js';
import { webCryptoBackend } from './web-crypto-backend.js';

vi.mock('node:crypto', async (importOriginal) => {
  const actual = await importOriginal<typeof import('node:crypto')>();
  return { ...actual, timingSafeEqual: vi.fn(actual.timingSafeEqual) };
});

const apiKey = 'constant-time-key';
const secretKey = 'constant-time-secret-0123456789';
const url = 'https://acme.intend.test/api/clients?page=1';

describe('signature comparison', () => {
  it('constantTimeEqual is exact, including differences at either end and in length', () => {
    const signature = `${'a'.repeat(63)}b`;
    expect(constantTimeEqual(signature, signature)).toBe(true);
    expect(constantTimeEqual(signature, `c${signature.slice(1)}`)).toBe(false);
    expect(constantTimeEqual(signature, `${signature.slice(0, -1)}c`)).toBe(false);
    expect(constantTimeEqual(signature, signature.slice(0, -1))).toBe(false);
    expect(constantTimeEqual(signature, `${signature}0`)).toBe(false);
    expect(constantTimeEqual(signature, '')).toBe(false);
    expect(constantTimeEqual(signature, signature.toUpperCase())).toBe(false);
  });

  it('verification compares through the backend’s timing-safe function, never ===', async () => {
    const timingSafeEqual = vi.fn(webCryptoBackend.timingSafeEqual);
    const backend: CryptoBackend = { ...webCryptoBackend, timingSafeEqual };
    const headers = await createIntendSigner({ apiKey, secretKey }).sign({ method: 'GET', url });
    await verifyWith(backend, { method: 'GET', url, headers }, { secretFor: () => secretKey });
    expect(timingSafeEqual).toHaveBeenCalledTimes(1);
    // Change the last hex digit to a different one (replacing it with a fixed digit would be a
    // no-op whenever the signature already ends in that digit).
    const original = headers['signature'] ?? '';
    const wrong = { ...headers, signature: `${original.slice(0, -1)}${original.endsWith('0') ? '1' : '0'}` };
    await expect(
      verifyWith(backend, { method: 'GET', url, headers: wrong }, { secretFor: () => secretKey }),
    ).rejects.toThrow();
    expect(timingSafeEqual).toHaveBeenCalledTimes(2);
  });

  it('the node entry compares with node:crypto timingSafeEqual', async () => {
    const { createIntendSigner: createNodeSigner, verifyIntendRequest } = await import('./index.node.js');
    const spy = vi.mocked(nodeCrypto.timingSafeEqual);
    spy.mockClear();
    const headers = await createNodeSigner({ apiKey, secretKey }).sign({ method: 'GET', url });
    await verifyIntendRequest({ method: 'GET', url, headers }, { secretFor: () => secretKey });
    expect(spy).toHaveBeenCalled();
  });
});
