import type { Random } from './seeded-random.js';

/** Milliseconds, fixed or drawn uniformly from a range. */
export type Latency = number | { readonly min: number; readonly max: number };

/**
Random misbehaviour, applied before a route's handler runs, as a proxy or an overloaded server
would. Rates are probabilities from 0 to 1, drawn from the sandbox's seeded random source, so a
run with the same seed misbehaves the same way.
*/
export interface FaultOptions {
  /** Delay before answering. @default 0 */
  readonly latency?: Latency;
  /** Share of requests answered with a server error from `errorStatuses`. @default 0 */
  readonly errorRate?: number;
  /** @default [500, 502, 503] */
  readonly errorStatuses?: readonly number[];
  /** Share of requests answered 429 with `Retry-After`. @default 0 */
  readonly rateLimitRate?: number;
  /** The `Retry-After` of injected 429s, in seconds. @default 1 */
  readonly retryAfterSeconds?: number;
  /** Share of requests whose connection is dropped without an answer. @default 0 */
  readonly dropRate?: number;
  /** Share of requests answered 200 with a body that is not JSON. @default 0 */
  readonly malformedJsonRate?: number;
  /** Share of requests whose body stream breaks off half-way. @default 0 */
  readonly truncatedBodyRate?: number;
}

/**
Faults for the whole sandbox, and per route. A route key is a path (`/api/clients`) or a method
and a path (`GET /api/clients`); the most specific match wins over the sandbox-wide options.

@example
```
{latency: {min: 5, max: 20}, routes: {'/connect/token': {errorRate: 0.3}}}
```
*/
export interface FaultConfig extends FaultOptions {
  readonly routes?: Readonly<Record<string, FaultOptions>>;
}

/** One misbehaviour, chosen for one request. */
export type Fault =
  | { readonly kind: 'status'; readonly status: number; readonly retryAfterSeconds?: number }
  | { readonly kind: 'drop' }
  | { readonly kind: 'malformed-json' }
  | { readonly kind: 'truncated-body' }
  /**
  A redirect to `location` (absolute, or relative to the request), as a moved host or a hostile
  proxy would answer; a client must not follow it with its credentials.
  */
  | { readonly kind: 'redirect'; readonly status: 301 | 302 | 303 | 307 | 308; readonly location: string }
  /**
  A 200 whose JSON body never ends (gzip-encoded with `encoding: 'gzip'`), produced only as fast as
  the client reads it: a client must stop at its byte limit.
  */
  | { readonly kind: 'endless-body'; readonly encoding?: 'gzip' | undefined };

/**
A fault queued for the next matching requests, for tests that need a failure at an exact point
(`times` requests, default 1), independent of random rates.
*/
export type ScriptedFault = Fault & {
  /** A path or `METHOD path`; omit to match any request. */
  readonly route?: string;
  /** How many matching requests it applies to. @default 1 */
  readonly times?: number;
  /** Let this many matching requests through first. @default 0 */
  readonly after?: number;
};

interface QueuedFault {
  readonly fault: Fault;
  readonly route: string | undefined;
  remaining: number;
  skip: number;
}

function matches(route: string | undefined, method: string, path: string): boolean {
  return route === undefined || route === path || route === `${method} ${path}`;
}

/** Decides, request by request, whether and how to misbehave. */
export class FaultInjector {
  #config: FaultConfig;
  readonly #random: Random;
  readonly #queue: QueuedFault[] = [];

  constructor(config: FaultConfig, random: Random) {
    this.#config = config;
    this.#random = random;
  }

  /** Replaces the random fault configuration. */
  configure(config: FaultConfig): void {
    this.#config = config;
  }

  /** Queues a fault for the next matching request(s). */
  inject(scripted: ScriptedFault): void {
    const { route, times = 1, after = 0, ...fault } = scripted;
    this.#queue.push({ fault: fault as Fault, route, remaining: times, skip: after });
  }

  /** Drops every queued fault. */
  clear(): void {
    this.#queue.length = 0;
  }

  optionsFor(method: string, path: string): FaultOptions {
    const routes = this.#config.routes ?? {};
    return { ...this.#config, ...routes[path], ...routes[`${method} ${path}`] };
  }

  latencyFor(method: string, path: string): number {
    const latency = this.optionsFor(method, path).latency ?? 0;
    if (typeof latency === 'number') return latency;
    return latency.min + this.#random() * (latency.max - latency.min);
  }

  /** The fault for this request, if any: a queued one first, then the random rates. */
  decide(method: string, path: string): Fault | undefined {
    for (const [index, queued] of this.#queue.entries()) {
      if (!matches(queued.route, method, path)) continue;
      if (queued.skip > 0) {
        queued.skip -= 1;
        continue;
      }
      queued.remaining -= 1;
      if (queued.remaining <= 0) this.#queue.splice(index, 1);
      return queued.fault;
    }
    const options = this.optionsFor(method, path);
    const roll = (rate: number | undefined) => rate !== undefined && rate > 0 && this.#random() < rate;
    if (roll(options.dropRate)) return { kind: 'drop' };
    if (roll(options.rateLimitRate)) {
      return { kind: 'status', status: 429, retryAfterSeconds: options.retryAfterSeconds ?? 1 };
    }
    if (roll(options.errorRate)) {
      const statuses = options.errorStatuses ?? [500, 502, 503];
      return { kind: 'status', status: statuses[Math.floor(this.#random() * statuses.length)] ?? 503 };
    }
    if (roll(options.malformedJsonRate)) return { kind: 'malformed-json' };
    if (roll(options.truncatedBodyRate)) return { kind: 'truncated-body' };
    return undefined;
  }
}
