/** How a fleet member is set up: its own Redis connection (or none) and token manager. */
export interface MemberConfig {
  readonly client: 'node-redis' | 'node-redis-v4' | 'ioredis' | 'memory';
  readonly redisUrl?: string;
  readonly keyPrefix?: string;
  readonly encryptionKey?: string | readonly string[];
  readonly tokenUrl: string;
  readonly clientId: string;
  readonly clientSecret: string;
  readonly scope: string;
  /** Token manager options beyond the above (JSON-safe). */
  readonly manager?: { readonly storeCheckInterval?: number; readonly storeTimeout?: number };
}

/** What the test process asks a member. */
export type MemberRequest =
  | { readonly type: 'run'; readonly durationMs: number; readonly loops: number; readonly pauseMs: number }
  | { readonly type: 'token' }
  | { readonly type: 'invalidate' }
  | { readonly type: 'exit' };

/** What a `run` found. */
export interface RunReport {
  readonly calls: number;
  readonly failures: number;
  readonly slowestMs: number;
  /** Fingerprints of the tokens the calls got, in the order they first came. */
  readonly sequence: readonly string[];
  readonly tokenRequests: number;
  readonly waitsOnRefresh: number;
  readonly storeErrors: number;
}

/** A member's answer to a request (same `id`), or an event (`token-request`: a request was sent). */
export type MemberMessage =
  | { readonly type: 'ready' }
  | { readonly type: 'token-request'; readonly at: number }
  | { readonly id: number; readonly type: 'ran'; readonly report: RunReport }
  | {
      readonly id: number;
      readonly type: 'token';
      readonly fingerprint: string;
      readonly ms: number;
      /** onStoreError calls so far. */
      readonly storeErrors: number;
    }
  | {
      readonly id: number;
      readonly type: 'invalidated';
      readonly fingerprint: string;
      readonly dropped: boolean;
    }
  | { readonly id: number; readonly type: 'failed'; readonly message: string };
