// A short-lived process as a cron job writes it: one token through the Redis store, then it quits
// its Redis client at once and exits. Prints how long getToken() took.
import { scriptManager } from './script-manager.js';

const { tokens, redis } = await scriptManager();
const started = performance.now();
await tokens.getToken();
const ms = performance.now() - started;
await redis.close();
process.stdout.write(`${JSON.stringify({ ms })}\n`);
