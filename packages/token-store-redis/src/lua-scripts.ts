import type { LuaScript } from './redis-client.js';

async function sha1Of(source: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-1', new TextEncoder().encode(source));
  return Array.from(new Uint8Array(digest), (byte) => byte.toString(16).padStart(2, '0')).join('');
}

function script(source: string): LuaScript {
  let sha1: Promise<string> | undefined;
  return {
    source,
    get sha1() {
      sha1 ??= sha1Of(source);
      return sha1;
    },
  };
}

/*
Stored values start `bk1.<expiresAt>.<tokenHash>.`; the scripts read those two fields, never the
token, which may be encrypted (see stored-token.ts).
*/

/**
@internal KEYS[1] token key; ARGV value, expiresAt, ttl in ms. Writes unless the stored token expires
later: a write that a disconnected client queued and sends on reconnect must not replace a newer token.
*/
export const setToken: LuaScript = script(`
local current = redis.call('GET', KEYS[1])
if current then
  local expires = tonumber(string.match(current, '^bk1%.([^.]+)%.'))
  if expires and expires > tonumber(ARGV[2]) then return 0 end
end
redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[3])
return 1
`);

/**
@internal KEYS[1] token key; ARGV the token's hash under each key (a rotation writes with either).
Compare-and-delete: a newer token stays.
*/
export const deleteToken: LuaScript = script(`
local current = redis.call('GET', KEYS[1])
if not current then return 0 end
local stored = string.match(current, '^bk1%.[^.]+%.([^.]+)%.')
for i = 1, #ARGV do
  if stored == ARGV[i] then return redis.call('DEL', KEYS[1]) end
end
return 0
`);

/** @internal KEYS[1] lock key; ARGV owner, ttl in ms. `SET NX PX`: 1 when taken. */
export const takeLock: LuaScript = script(`
if redis.call('SET', KEYS[1], ARGV[1], 'NX', 'PX', ARGV[2]) then return 1 end
return 0
`);

/** @internal KEYS[1] lock key; ARGV owner. Deletes the lock only while this owner holds it. */
export const releaseLock: LuaScript = script(`
if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
return 0
`);

/** @internal KEYS[1] lock key; ARGV owner, ttl in ms. Extends the lock only while this owner holds it. */
export const renewLock: LuaScript = script(`
if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('PEXPIRE', KEYS[1], ARGV[2]) end
return 0
`);
