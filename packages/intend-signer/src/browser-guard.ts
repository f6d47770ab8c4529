import { ConfigurationError } from '@bridgekit/errors';

/**
@internal
Whether this looks like a browser page. Both globals are required: Deno 1.x defines `window`
without `document`, and workers, Node and Bun define neither.
*/
export function looksLikeBrowser(): boolean {
  const scope = globalThis as { window?: unknown; document?: unknown };
  return typeof scope.window !== 'undefined' && typeof scope.document !== 'undefined';
}

/** @internal Refuses to hold a secret key in a browser page unless the caller opted in. */
export function guardAgainstBrowser(dangerouslyAllowBrowser: boolean): void {
  if (dangerouslyAllowBrowser || !looksLikeBrowser()) return;
  throw new ConfigurationError({
    option: 'dangerouslyAllowBrowser',
    expected: 'true to create a signer in a browser (this looks like one: `window` and `document` exist)',
    hint: 'The Intend secret key must stay server-side: anyone who can open the page can read it and sign requests as you. Sign on your server or behind a proxy instead; set `dangerouslyAllowBrowser: true` only where the secret is not exposed, such as tests under jsdom.',
  });
}
