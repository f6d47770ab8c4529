import {
  createIngoSandbox,
  type IngoSandbox,
  type IngoSandboxOptions,
  ingoSandboxScopes,
} from '@bridgekit/sandbox';
import type { Fetch } from '../token-manager-options.js';

/** A clock tests move by hand. Starts on a whole second so `Date` headers round-trip exactly. */
export function createClock(start: number = Date.UTC(2025, 5, 1, 12, 0, 0)): {
  now: () => number;
  advance(milliseconds: number): void;
} {
  let time = start;
  return {
    now: () => time,
    advance(milliseconds) {
      time += milliseconds;
    },
  };
}

/** A promise with its resolve and reject at hand. */
export function deferred<T = void>(): {
  promise: Promise<T>;
  resolve(value: T): void;
  reject(error: unknown): void;
} {
  let resolve!: (value: T) => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<T>((yes, no) => {
    resolve = yes;
    reject = no;
  });
  return { promise, resolve, reject };
}

/** What a fake endpoint saw of one request. */
export interface SeenRequest {
  readonly url: string;
  readonly method: string;
  readonly headers: Headers;
  readonly body: string;
}

/** A `fetch` that answers from `answer` and records every request. */
export function recordingFetch(
  answer: (request: SeenRequest, index: number) => Response | Promise<Response>,
): {
  fetch: Fetch;
  requests: SeenRequest[];
} {
  const requests: SeenRequest[] = [];
  const fetch: Fetch = async (input, init) => {
    const request = new Request(input, init);
    const seen = {
      url: request.url,
      method: request.method,
      headers: request.headers,
      body: await request.text(),
    };
    requests.push(seen);
    return answer(seen, requests.length - 1);
  };
  return { fetch, requests };
}

/** A token endpoint answer. */
export function tokenJson(body: unknown, status = 200, headers: Record<string, string> = {}): Response {
  return new Response(typeof body === 'string' ? body : JSON.stringify(body), {
    status,
    headers: { 'content-type': 'application/json', ...headers },
  });
}

/** The scopes of the sandbox's demo client: all of them. */
export const allScopes: string[] = Object.values(ingoSandboxScopes);

/** Awkward on purpose: every character RFC 6749's form encoding changes, and some unicode. */
export const awkwardSecret = 'p+s%20:#@! wörd ✓ 秘密';

/** An Ingo sandbox on a hand-moved clock, with a demo client and a client holding `awkwardSecret`. */
export function ingoSandbox(overrides: Partial<IngoSandboxOptions> = {}): IngoSandbox {
  return createIngoSandbox({
    clients: [
      { clientId: 'demo-client', clientSecret: 'demo-secret', scopes: allScopes },
      { clientId: 'awkward client:1', clientSecret: awkwardSecret, scopes: allScopes },
    ],
    ...overrides,
  });
}

/** The sandbox's token URL for in-process use (any origin works). */
export const sandboxTokenUrl = 'https://ingo-sandbox.test/connect/token';
export const sandboxBaseUrl = 'https://ingo-sandbox.test';

/** A valid identity score request. */
export const identityRequest = {
  identity: { firstName: 'Gabriel', lastName: 'Mitchell', ssn: '900000001' },
  emailAddress: 'aaron53@adventure-works.com',
  mobileNumber: '9735550195',
} as const;

/** What `run` threw, or undefined when it threw nothing. */
export function thrown(run: () => unknown): unknown {
  try {
    run();
  } catch (error) {
    return error;
  }
  return undefined;
}

/** An endpoint that never answers, but lets go as soon as the request's signal fires. */
export function hungFetch(): { fetch: typeof globalThis.fetch; sent: Promise<void>; aborted: () => number } {
  const sent = deferred();
  let aborted = 0;
  const fetch = (input: RequestInfo | URL, init?: RequestInit) => {
    sent.resolve();
    // ky hands over a Request that carries the signal.
    const signal = init?.signal ?? (input instanceof Request ? input.signal : undefined);
    return new Promise<Response>((_resolve, reject) => {
      signal?.addEventListener('abort', () => {
        aborted += 1;
        reject(signal.reason);
      });
    });
  };
  return { fetch: fetch as typeof globalThis.fetch, sent: sent.promise, aborted: () => aborted };
}
