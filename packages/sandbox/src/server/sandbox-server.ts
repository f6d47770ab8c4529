import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import { setTimeout as delay } from 'node:timers/promises';
import { type HttpBindings, serve } from '@hono/node-server';
import { Hono } from 'hono';
import { assertFaultConfig, assertScriptedFault } from './fault-checks.js';
import { answerFault, droppedHeader } from './fault-response.js';
import { type FaultConfig, FaultInjector, type ScriptedFault } from './faults.js';
import { assertObject } from './option-checks.js';
import { type SandboxStats, StatsRecorder } from './sandbox-stats.js';
import type { Random } from './seeded-random.js';

/** Where to listen. */
export interface ListenOptions {
  /** @default 0 (a free port chosen by the system) */
  readonly port?: number;
  /** @default '127.0.0.1' */
  readonly host?: string;
}

/** A sandbox listening on a real socket. */
export interface RunningSandbox {
  /** The base URL, e.g. `http://127.0.0.1:43817`. */
  readonly url: string;
  readonly port: number;
  /** Stops listening and closes every open connection. */
  close(): Promise<void>;
}

/** What every sandbox offers, whatever API it imitates. */
export interface Sandbox {
  /**
  Answers a request in-process, without a socket: pass it as the `fetch` option of a client. Any
  origin works; only the path and query are read. An injected dropped connection rejects with a
  `TypeError`, as the platform `fetch` does.
  */
  fetch(input: Request | string | URL, init?: RequestInit): Promise<Response>;
  /** Serves over real HTTP. */
  listen(options?: ListenOptions): Promise<RunningSandbox>;
  /** Requests by route and status, and injected faults. */
  readonly stats: SandboxStats;
  /** Replaces the random fault configuration. */
  setFaults(config: FaultConfig): void;
  /** Queues a fault for the next matching request(s). */
  injectFault(fault: ScriptedFault): void;
  /** Drops every queued fault. */
  clearFaults(): void;
}

/** @internal The Hono app a sandbox registers its routes on. */
export type SandboxApp = Hono<{ Bindings: Partial<HttpBindings> }>;

/** @internal The parts that differ between the Intend and Ingo sandboxes. */
export interface SandboxServerDefinition {
  readonly random: Random;
  readonly faults: FaultConfig | undefined;
  /** The error body this API uses (Intend envelope, problem details, ...). */
  errorResponse(status: number, message: string): Response;
  /** Registers the API's routes. */
  routes(app: SandboxApp): void;
}

/** @internal Builds a sandbox from its API-specific definition. */
export function createSandboxServer(definition: SandboxServerDefinition): Sandbox {
  const stats = new StatsRecorder();
  const injector = new FaultInjector(definition.faults ?? {}, definition.random);
  const app: SandboxApp = new Hono();

  app.use(async (context, next) => {
    const { method, path } = context.req;
    const latency = injector.latencyFor(method, path);
    if (latency > 0) await delay(latency);
    const fault = injector.decide(method, path);
    if (fault) {
      stats.recordFault(fault.kind);
      context.res = await answerFault(fault, definition.errorResponse, context.env, async () => {
        await next();
        return context.res;
      });
    } else {
      await next();
    }
    stats.record(method, path, context.res.headers.has(droppedHeader) ? 'dropped' : context.res.status);
  });
  definition.routes(app);
  // The routes a fault may name: the API's own, not the middleware on `*` paths.
  const routes = () => [
    ...new Set(
      app.routes.filter((route) => !route.path.includes('*')).map((route) => `${route.method} ${route.path}`),
    ),
  ];
  assertFaultConfig(definition.faults, routes);
  app.notFound((context) =>
    definition.errorResponse(404, `No route for ${context.req.method} ${context.req.path}`),
  );
  app.onError((error) => definition.errorResponse(500, `Sandbox error: ${error.message}`));

  return {
    stats,
    async fetch(input, init) {
      const request = input instanceof Request && init === undefined ? input : new Request(input, init);
      const response = await app.fetch(request, {});
      if (response.headers.has(droppedHeader)) {
        throw new TypeError('fetch failed', { cause: new Error('The sandbox dropped the connection') });
      }
      return response;
    },
    async listen(options = {}) {
      const { port = 0, host = '127.0.0.1' } = assertObject(options, 'options', [
        'port',
        'host',
      ]) as ListenOptions;
      const server = serve({ fetch: app.fetch, port, hostname: host });
      await Promise.race([
        once(server, 'listening'),
        once(server, 'error').then(([error]) => Promise.reject(error)),
      ]);
      const address = server.address() as AddressInfo;
      const hostInUrl = host.includes(':') ? `[${host}]` : host;
      return {
        url: `http://${hostInUrl}:${address.port}`,
        port: address.port,
        close: async () => {
          const closed = once(server, 'close');
          server.close();
          if ('closeAllConnections' in server) server.closeAllConnections();
          await closed;
        },
      };
    },
    setFaults: (config) => injector.configure(assertFaultConfig(config, routes)),
    injectFault: (fault) => injector.inject(assertScriptedFault(fault, routes)),
    clearFaults: () => injector.clear(),
  };
}
