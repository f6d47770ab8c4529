import { ConfigurationError } from '@bridgekit/errors';

/**
The part of a node-redis client (v4 or later, `createClient()` or `createCluster()`) the store
uses. Typed by shape: node-redis is not a dependency of this package.
*/
export interface NodeRedisClientLike {
  /** `GET`: the stored entry, if any. */
  get(key: string): Promise<unknown>;
  /** `EVAL`: the store's Lua scripts (lock, compare-and-delete). */
  eval(script: string, options: { keys: string[]; arguments: string[] }): Promise<unknown>;
  /** `EVALSHA`: the same scripts by their SHA-1, once Redis has them. */
  evalSha(sha1: string, options: { keys: string[]; arguments: string[] }): Promise<unknown>;
}

/**
The part of an ioredis client (`new Redis()` or `new Redis.Cluster()`) the store uses. Typed by
shape: ioredis is not a dependency of this package.
*/
export interface IoRedisClientLike {
  /** `GET`: the stored entry, if any. */
  get(key: string): Promise<unknown>;
  /** `EVAL`: the store's Lua scripts (lock, compare-and-delete). */
  eval(script: string, numberOfKeys: number, ...keysAndArguments: string[]): Promise<unknown>;
  /** `EVALSHA`: the same scripts by their SHA-1, once Redis has them. */
  evalsha(sha1: string, numberOfKeys: number, ...keysAndArguments: string[]): Promise<unknown>;
}

/** A node-redis or an ioredis client: the store tells them apart by their `evalSha`/`evalsha`. */
export type RedisClientLike = NodeRedisClientLike | IoRedisClientLike;

/** @internal A Lua script and its SHA-1, for EVALSHA. */
export interface LuaScript {
  readonly source: string;
  readonly sha1: Promise<string>;
}

/** @internal The two commands the store sends, the same for either client. */
export interface RedisCommands {
  get(key: string): Promise<string | undefined>;
  /** Runs `script` by its SHA-1, loading it with EVAL when the server does not know it (yet). */
  run(script: LuaScript, keys: string[], args: string[]): Promise<unknown>;
}

const decoder = new TextDecoder();

function text(reply: unknown): string | undefined {
  if (typeof reply === 'string') return reply;
  // A client set up to return buffers (node-redis type mapping, ioredis `getBuffer`).
  if (reply instanceof Uint8Array) return decoder.decode(reply);
  return undefined;
}

function isNoScript(error: unknown): boolean {
  return error instanceof Error && error.message.startsWith('NOSCRIPT');
}

/**
Whether the client says it has lost its connection and is reconnecting: then a command would only
wait in its offline queue (until the manager's storeTimeout, or be sent late), so the store fails
it at once and the manager fetches without waiting. Before its first connection a client is given
the benefit of the doubt: its queue is sent as soon as it connects.
*/
function reconnecting(client: object): boolean {
  const { isOpen, isReady, status } = client as { isOpen?: unknown; isReady?: unknown; status?: unknown };
  // node-redis: open (connect() was called) but not ready.
  if (isOpen === true && isReady === false) return true;
  // ioredis: between attempts after a lost connection, or given up.
  return status === 'reconnecting' || status === 'close' || status === 'end';
}

function isNodeRedis(client: object): client is NodeRedisClientLike {
  return typeof (client as Partial<NodeRedisClientLike>).evalSha === 'function';
}

function isIoRedis(client: object): client is IoRedisClientLike {
  return typeof (client as Partial<IoRedisClientLike>).evalsha === 'function';
}

/** @internal Wraps the user's client; a value that is neither client is a `ConfigurationError`. */
export function redisCommands(client: unknown): RedisCommands {
  if (
    typeof client !== 'object' ||
    client === null ||
    typeof (client as { get?: unknown }).get !== 'function' ||
    typeof (client as { eval?: unknown }).eval !== 'function' ||
    !(isNodeRedis(client) || isIoRedis(client))
  ) {
    throw new ConfigurationError({
      option: 'redis',
      expected: 'a connected node-redis (v4 or later) or ioredis client or cluster',
      received: client,
      hint: 'Pass `await createClient({url}).connect()` from redis, or `new Redis(url)` from ioredis.',
    });
  }
  const evaluate = isNodeRedis(client)
    ? (sha1: string | undefined, source: string, keys: string[], args: string[]) =>
        sha1 === undefined
          ? client.eval(source, { keys, arguments: args })
          : client.evalSha(sha1, { keys, arguments: args })
    : (sha1: string | undefined, source: string, keys: string[], args: string[]) =>
        sha1 === undefined
          ? (client as IoRedisClientLike).eval(source, keys.length, ...keys, ...args)
          : (client as IoRedisClientLike).evalsha(sha1, keys.length, ...keys, ...args);
  const available = () => {
    if (reconnecting(client)) throw new Error('The Redis client is reconnecting');
  };
  return {
    async get(key) {
      available();
      return text(await client.get(key));
    },
    async run(script, keys, args) {
      available();
      try {
        return await evaluate(await script.sha1, script.source, keys, args);
      } catch (error) {
        // A restarted or flushed server has forgotten its scripts: EVAL sends the source once more.
        if (!isNoScript(error)) throw error;
        return evaluate(undefined, script.source, keys, args);
      }
    },
  };
}
