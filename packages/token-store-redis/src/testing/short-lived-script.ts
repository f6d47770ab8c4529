// A short-lived process as a cron job writes it: one token through the Redis store, then it quits
// its Redis client at once and exits. Prints how long getToken() took.
import { createTokenManager } from '@bridgekit/ingo-auth';
import { createClient } from 'redis';
import { createRedisTokenStore } from '../redis-token-store.js';
import type { MemberConfig } from './fleet-protocol.js';

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
});
const started = performance.now();
await tokens.getToken();
const ms = performance.now() - started;
await redis.close();
process.stdout.write(`${JSON.stringify({ ms })}\n`);
