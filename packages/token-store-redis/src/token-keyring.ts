import { createTokenCipher, type TokenCipher } from './token-encryption.js';

/**
@internal The store's keys: the first encrypts, every one decrypts, so that `encryptionKey` rotates
without a flush (deploy `[new, old]` everywhere, then `new` alone once the old values expired).
*/
export interface TokenKeyring {
  /** Whether values are encrypted. */
  readonly encrypts: boolean;
  /** The key new values are written with: the first. */
  readonly current: TokenCipher;
  /** Every key, the first first. */
  readonly ciphers: readonly TokenCipher[];
  /** The key whose id a value names; undefined when none has it. */
  byId(id: string): Promise<TokenCipher | undefined>;
  /** Every key's keyed hash of `token`: a value any of them wrote is found by compare-and-delete. */
  hashes(token: string): Promise<string[]>;
  /** The ids of every key, for messages. */
  ids(): Promise<string[]>;
}

/** @internal A keyring of `secrets` (none: tokens in the clear, hashed without a key). */
export function createTokenKeyring(secrets: readonly string[] | undefined): TokenKeyring {
  const ciphers =
    secrets === undefined
      ? [createTokenCipher(undefined)]
      : secrets.map((secret) => createTokenCipher(secret));
  const current = ciphers[0] as TokenCipher;
  const ids = () => Promise.all(ciphers.map((cipher) => cipher.id()));
  return {
    encrypts: current.encrypts,
    current,
    ciphers,
    ids,
    async byId(id) {
      return ciphers[(await ids()).indexOf(id)];
    },
    hashes: (token) => Promise.all(ciphers.map((cipher) => cipher.hash(token))),
  };
}
