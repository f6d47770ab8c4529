import type { AccessToken } from './access-token.js';

// The refresh policy, whole and pure: when a held token is served, refreshed behind its callers
// or waited for; when its refresh starts; how long failures hold the next token request back.
// The cache, the store protocol and the manager only ask it, so a change of policy is made here.

/** The settings the policy reads (each documented in `TokenManagerOptions`). */
export interface RefreshSettings {
  readonly refreshAhead: number | undefined;
  readonly refreshJitter: number | undefined;
  readonly cooldown: number;
  readonly retry: { readonly backoffLimit: number };
  readonly random: () => number;
}

/** @internal The defaults of the policy's options. */
export const refreshDefaults = {
  /** `refreshAhead`: this share of the token's lifetime, at most `longestAhead`. */
  aheadShare: 0.1,
  longestAhead: 60_000,
  /** `refreshJitter`: half of `refreshAhead`, at most this. */
  longestJitter: 10_000,
  /** `retry.cooldown`: after a failed token request, the next waits this long, doubling per failure. */
  cooldown: 1000,
} as const;

/**
@internal What a held token is good for at `now`: `fresh`, served; `due`, served while one
request replaces it in the background; `expired`, not served (callers wait for a new one).
*/
export type Freshness = 'fresh' | 'due' | 'expired';

/** @internal See {@link Freshness}; `refreshAt` comes from {@link refreshPoint}. */
export function freshness(
  held: { readonly refreshAt: number; readonly token: AccessToken },
  now: number,
): Freshness {
  if (now < held.refreshAt) return 'fresh';
  return now < held.token.expiresAt ? 'due' : 'expired';
}

/**
@internal When a token's background refresh starts: `refreshAhead` (plus jitter, drawn once)
before it expires, plus `latency` (how long getting a token takes), so that the refresh is done
`refreshAhead` before expiry rather than started then; never before half its lifetime.
*/
export function refreshPoint(token: AccessToken, settings: RefreshSettings, latency: number): number {
  const lifetime = Math.max(0, token.expiresAt - token.issuedAt);
  const ahead =
    settings.refreshAhead ?? Math.min(refreshDefaults.longestAhead, lifetime * refreshDefaults.aheadShare);
  const jitter = settings.refreshJitter ?? Math.min(refreshDefaults.longestJitter, ahead / 2);
  return token.expiresAt - Math.min(ahead + settings.random() * jitter + latency, lifetime / 2);
}

/**
@internal The latency the next refresh point allows for: the latest, or a decaying memory of a
slower one, so that one fast answer does not make the next refresh start too late.
*/
export function nextLatency(remembered: number, observed: number): number {
  return Math.max(observed, remembered * 0.75);
}

/**
@internal Milliseconds until another token request may start after `failures` in a row, the last
at `failedAt`: `cooldown` doubling per failure, up to the longer of it and `retry.backoffLimit`.
*/
export function cooldownLeft(
  failures: number,
  failedAt: number,
  settings: RefreshSettings,
  now: number,
): number {
  if (failures === 0) return 0;
  const { cooldown } = settings;
  const longest = Math.max(cooldown, settings.retry.backoffLimit);
  return failedAt + Math.min(cooldown * 2 ** (failures - 1), longest) - now;
}
