import type { Fetch } from './fetch.js';

/**
@internal `fetch(input, init)` as a promise even when `fetch` throws at once, for the wrappers
that wait on `then` callbacks rather than in an async function (see `countAttempts`).
*/
export function fetched(fetch: Fetch, input: Request | string | URL, init?: RequestInit): Promise<Response> {
  try {
    return fetch(input, init);
  } catch (error) {
    return Promise.reject(error);
  }
}
