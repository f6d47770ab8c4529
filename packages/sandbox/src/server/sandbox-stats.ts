/** Counts for one route (`GET /api/clients`). */
export interface RouteStats {
  readonly total: number;
  /** Answers by status (`'200'`, `'503'`), and `'dropped'` for connections closed without one. */
  readonly byStatus: Readonly<Record<string, number>>;
}

/** What a sandbox has served, for tests and the demo's summary. */
export interface SandboxStats {
  /** Every request received. */
  readonly requests: number;
  /** Per route: `'GET /api/clients'` -> counts. */
  readonly routes: Readonly<Record<string, RouteStats>>;
  /** Injected faults by kind (`'status'`, `'drop'`, `'malformed-json'`, `'truncated-body'`, `'redirect'`). */
  readonly faults: Readonly<Record<string, number>>;
  /** Requests for one route (`'GET /api/clients'` or just the path, all methods). */
  count(route: string, status?: number | 'dropped'): number;
  /** Starts counting from zero. */
  reset(): void;
}

/** @internal The mutable counter behind {@link SandboxStats}. */
export class StatsRecorder implements SandboxStats {
  #requests = 0;
  #routes: Record<string, { total: number; byStatus: Record<string, number> }> = {};
  #faults: Record<string, number> = {};

  get requests(): number {
    return this.#requests;
  }

  get routes(): Readonly<Record<string, RouteStats>> {
    return structuredClone(this.#routes);
  }

  get faults(): Readonly<Record<string, number>> {
    return { ...this.#faults };
  }

  record(method: string, path: string, status: number | 'dropped'): void {
    this.#requests += 1;
    const key = `${method} ${path}`;
    const route = this.#routes[key] ?? { total: 0, byStatus: {} };
    this.#routes[key] = route;
    route.total += 1;
    route.byStatus[String(status)] = (route.byStatus[String(status)] ?? 0) + 1;
  }

  recordFault(kind: string): void {
    this.#faults[kind] = (this.#faults[kind] ?? 0) + 1;
  }

  count(route: string, status?: number | 'dropped'): number {
    let total = 0;
    for (const [key, stats] of Object.entries(this.#routes)) {
      if (key !== route && key.slice(key.indexOf(' ') + 1) !== route) continue;
      total += status === undefined ? stats.total : (stats.byStatus[String(status)] ?? 0);
    }
    return total;
  }

  reset(): void {
    this.#requests = 0;
    this.#routes = {};
    this.#faults = {};
  }

  toJSON(): object {
    return { requests: this.#requests, routes: this.#routes, faults: this.#faults };
  }
}
