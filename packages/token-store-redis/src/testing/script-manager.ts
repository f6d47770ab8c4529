// What a one-shot script process sets up: its own Redis connection and a token manager on it.
import { createTokenManager, type TokenManager, type TokenManagerOptions } from '@bridgekit/ingo-auth';
import { createClient } from 'redis';
import { createRedisTokenStore } from '../redis-token-store.js';
import type { MemberConfig } from './fleet-protocol.js';

/** Connects to the configured Redis and makes a manager on it (`FLEET_MEMBER` holds the config). */
export async function scriptManager(
  extra: Partial<TokenManagerOptions> = {},
): Promise<{ tokens: TokenManager; redis: { close(): Promise<void> } }> {
  const config = JSON.parse(process.env['FLEET_MEMBER'] ?? '{}') as MemberConfig;
  const redis = await createClient({ url: config.redisUrl ?? '' })
    .on('error', () => undefined)
    .connect();
  const tokens = createTokenManager({
    tokenUrl: config.tokenUrl,
    clientId: config.clientId,
    clientSecret: config.clientSecret,
    scope: config.scope,
    store: createRedisTokenStore({ redis, keyPrefix: config.keyPrefix ?? 'script:' }),
    ...extra,
  });
  return { tokens, redis };
}
