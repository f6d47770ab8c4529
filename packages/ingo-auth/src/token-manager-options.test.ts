import { isConfigurationError } from '@bridgekit/errors';
import { describe, expect, it } from 'vitest';
import { createTokenManager } from './token-manager.js';
import type { TokenManagerOptions } from './token-manager-options.js';

const base = { environment: 'uat', clientId: 'id', clientSecret: 'super-secret-value', scope: 's' } as const;

function construct(options: unknown): unknown {
  try {
    createTokenManager(options as TokenManagerOptions);
  } catch (error) {
    return error;
  }
  return undefined;
}

describe('token manager options', () => {
  it.each([
    ['timeout 2^31 (a timer would fire after 1 ms)', { ...base, timeout: 2 ** 31 }, 'timeout'],
    ['storeTimeout Infinity', { ...base, storeTimeout: Number.POSITIVE_INFINITY }, 'storeTimeout'],
    ['retry null', { ...base, retry: null }, 'retry'],
    ['retry.limit 1e308', { ...base, retry: { limit: 1e308 } }, 'retry.limit'],
    ['retry.cooldown -1', { ...base, retry: { cooldown: -1 } }, 'retry.cooldown'],
    ['a secret with a trailing newline', { ...base, clientSecret: 'super-secret-value\n' }, 'clientSecret'],
    ['a secret with a leading space', { ...base, clientSecret: ' super-secret-value' }, 'clientSecret'],
    ['fetch an object', { ...base, fetch: {} }, 'fetch'],
  ])('%s is a ConfigurationError naming the option', (_name, options, option) => {
    const error = construct(options);
    expect(isConfigurationError(error)).toBe(true);
    expect(error).toMatchObject({ option });
    expect(String(error)).not.toContain('super-secret-value');
  });

  it('says how to fix a secret with whitespace around it', () => {
    expect(String(construct({ ...base, clientSecret: 'x\n' }))).toContain('trailing newline');
  });

  it('rejects bad getToken() options instead of throwing synchronously', async () => {
    const tokens = createTokenManager({ ...base, fetch: async () => new Response('{}') });
    let promise: Promise<unknown> | undefined;
    expect(() => {
      promise = tokens.getToken(null as never);
    }).not.toThrow();
    await expect(promise).rejects.toSatisfy(isConfigurationError);
    await expect(tokens.getToken({ signal: {} as AbortSignal })).rejects.toSatisfy(isConfigurationError);
    await expect(tokens.getToken({ forceRefresh: 'yes' as never })).rejects.toSatisfy(isConfigurationError);
    expect(tokens.stats.calls).toBe(3);
  });
});
