/** @internal The Redis keys for one token manager key. */
export interface StoreKeys {
  readonly token: string;
  readonly lock: string;
}

async function digestOf(text: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text));
  return Array.from(new Uint8Array(digest).slice(0, 16), (byte) => byte.toString(16).padStart(2, '0')).join(
    '',
  );
}

/**
@internal Names keys `<prefix>{<hash>}:token` and `<prefix>{<hash>}:lock`: the hash of the
manager's key (token URL, client id, scope) keeps the client id and scope out of key names, and
the braces are a Redis Cluster hash tag, so that a token and its lock live in the same slot.
*/
export function keyNamer(prefix: string): (managerKey: string) => Promise<StoreKeys> {
  const known = new Map<string, Promise<StoreKeys>>();
  return (managerKey) => {
    let keys = known.get(managerKey);
    if (!keys) {
      keys = digestOf(managerKey).then((hash) => ({
        token: `${prefix}{${hash}}:token`,
        lock: `${prefix}{${hash}}:lock`,
      }));
      known.set(managerKey, keys);
    }
    return keys;
  };
}
