import { createHmac } from 'node:crypto';
import type { Random } from '../server/seeded-random.js';

/** What the sandbox remembers about a token it issued. */
export interface IssuedToken {
  readonly clientId: string;
  readonly scopes: readonly string[];
  /** Epoch milliseconds on the sandbox's clock. */
  readonly issuedAt: number;
  /** Epoch milliseconds on the sandbox's clock. */
  readonly expiresAt: number;
}

/** Why a presented token does not authenticate its bearer. */
export type InvalidToken = 'missing' | 'unknown' | 'revoked' | 'expired';

const pruneThreshold = 10_000;

function base64Url(value: string | Buffer): string {
  return Buffer.from(value).toString('base64url');
}

/**
@internal Issues JWT-shaped access tokens and recognises them again. They are opaque to clients,
like Ingo's: the signature is an HMAC under a key only this sandbox knows, and a token is valid
only while this registry holds it, so `revokeAll()` can imitate a key rotation.
*/
export class AccessTokenRegistry {
  readonly #tokens = new Map<string, IssuedToken>();
  readonly #revoked = new Set<string>();
  readonly #random: Random;
  readonly #signingKey: Buffer;
  readonly #issuer: string;
  #issued = 0;

  constructor(random: Random, issuer: string) {
    this.#random = random;
    this.#issuer = issuer;
    this.#signingKey = Buffer.from(Array.from({ length: 32 }, () => Math.floor(random() * 256)));
  }

  /** How many tokens were issued since the sandbox started. */
  get issued(): number {
    return this.#issued;
  }

  issue(clientId: string, scopes: readonly string[], now: number, lifetimeSeconds: number): string {
    if (this.#tokens.size >= pruneThreshold) this.#prune(now);
    const issuedAt = now;
    const expiresAt = now + lifetimeSeconds * 1000;
    const jti = Array.from({ length: 16 }, () =>
      Math.floor(this.#random() * 256)
        .toString(16)
        .padStart(2, '0'),
    )
      .join('')
      .toUpperCase();
    const header = base64Url(JSON.stringify({ alg: 'HS256', kid: 'ingo-sandbox', typ: 'at+jwt' }));
    const payload = base64Url(
      JSON.stringify({
        iss: this.#issuer,
        nbf: Math.floor(issuedAt / 1000),
        iat: Math.floor(issuedAt / 1000),
        exp: Math.floor(expiresAt / 1000),
        aud: ['IdentityInsights.Api', `${this.#issuer}/resources`],
        client_id: clientId,
        jti,
        scope: scopes,
      }),
    );
    const signature = createHmac('sha256', this.#signingKey)
      .update(`${header}.${payload}`)
      .digest('base64url');
    const token = `${header}.${payload}.${signature}`;
    this.#tokens.set(token, { clientId, scopes, issuedAt, expiresAt });
    this.#issued += 1;
    return token;
  }

  /**
  Checks a presented token; returns the record, or why it is refused. Scopes are the caller's
  to check: a valid token without the scope is a different failure (403, not 401).
  */
  authenticate(token: string | undefined, now: number, toleranceMs: number): IssuedToken | InvalidToken {
    if (token === undefined || token.length === 0) return 'missing';
    if (this.#revoked.has(token)) return 'revoked';
    const issued = this.#tokens.get(token);
    if (!issued) return 'unknown';
    if (now >= issued.expiresAt + toleranceMs) return 'expired';
    return issued;
  }

  /** Makes every token issued so far invalid, as a signing key rotation would. */
  revokeAll(): number {
    const count = this.#tokens.size;
    for (const token of this.#tokens.keys()) this.#revoked.add(token);
    this.#tokens.clear();
    return count;
  }

  #prune(now: number): void {
    for (const [token, issued] of this.#tokens) if (issued.expiresAt <= now) this.#tokens.delete(token);
  }
}
