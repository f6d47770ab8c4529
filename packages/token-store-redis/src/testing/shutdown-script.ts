// A service shutting down while its token request hangs: getToken() is pending against a token
// endpoint that never answers when close() is called. Prints how the call ended, how long close()
// took, and how long the process took to exit once it and the Redis client were closed.
import { scriptManager } from './script-manager.js';

let sent: () => void = () => undefined;
const requestSent = new Promise<void>((resolve) => {
  sent = resolve;
});
const { tokens, redis } = await scriptManager({
  fetch: (input, init) => {
    sent();
    return fetch(input, init);
  },
});
const pending = tokens.getToken().then(
  () => ({ name: 'none', message: 'got a token' }),
  (error: Error) => ({ name: error.name, message: error.message }),
);
await requestSent;
const started = performance.now();
await tokens.close();
const closeMs = performance.now() - started;
const outcome = await pending;
await redis.close();
// A timer left behind would hold the process (a socket being torn down does not wait for its peer).
const timers = process.getActiveResourcesInfo().filter((name) => name === 'Timeout' || name === 'Immediate');
const closedAt = performance.now();
process.on('exit', () => {
  const exitMs = performance.now() - closedAt;
  process.stdout.write(`${JSON.stringify({ outcome, closeMs, timers, exitMs })}\n`);
});
