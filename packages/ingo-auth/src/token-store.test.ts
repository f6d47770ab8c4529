import { Secret } from '@bridgekit/errors';
import { describe, expect, it } from 'vitest';
import type { AccessToken } from './access-token.js';
import { createClock } from './testing/test-helpers.js';
import { createMemoryTokenStore } from './token-store.js';

const token: AccessToken = {
  accessToken: new Secret('x'),
  tokenType: 'Bearer',
  expiresAt: 0,
  issuedAt: 0,
  scope: 's',
};

describe('createMemoryTokenStore', () => {
  it('forgets a token when its time to live ends', () => {
    const clock = createClock();
    const store = createMemoryTokenStore({ now: clock.now });
    store.set('key', token, 1000);
    clock.advance(999);
    expect(store.get('key')).toBe(token);
    clock.advance(1);
    expect(store.get('key')).toBeUndefined();
  });

  it('deletes a token only while it is still the stored one', () => {
    const store = createMemoryTokenStore();
    const newer: AccessToken = { ...token, accessToken: new Secret('y') };
    store.set('key', newer, 1000);
    store.delete?.('key', token);
    expect(store.get('key')).toBe(newer);
    store.delete?.('key', { ...newer, accessToken: new Secret('y') });
    expect(store.get('key')).toBeUndefined();
    store.delete?.('missing', token);
  });

  it('hands a lock to one holder at a time until released or expired', async () => {
    const clock = createClock();
    const store = createMemoryTokenStore({ now: clock.now });
    const first = await store.lock?.('key', 1000);
    expect(first).toBeDefined();
    expect(await store.lock?.('key', 1000)).toBeUndefined();
    await first?.release();
    const second = await store.lock?.('key', 1000);
    expect(second).toBeDefined();
    clock.advance(1000);
    expect(await store.lock?.('key', 1000)).toBeDefined();
    await second?.release();
    expect(await store.lock?.('key', 1000)).toBeUndefined();
  });

  it('renews a lock only for its own holder, and a stale holder cannot release the next one', async () => {
    const clock = createClock();
    const store = createMemoryTokenStore({ now: clock.now });
    const first = await store.lock?.('key', 1000);
    clock.advance(900);
    expect(await first?.renew?.(1000)).toBe(true);
    clock.advance(900);
    expect(await store.lock?.('key', 1000)).toBeUndefined();
    clock.advance(100);
    const second = await store.lock?.('key', 1000);
    expect(second).toBeDefined();
    expect(await first?.renew?.(1000)).toBe(false);
    await first?.release();
    expect(await store.lock?.('key', 1000)).toBeUndefined();
    expect(await second?.renew?.(5000)).toBe(true);
  });
});
