import { ErrorCode } from './error-codes.js';
import { markErrorClass } from './error-marker.js';
import { HttpError } from './http-error.js';
import { redactUrl } from './redact.js';

/** What {@link RedirectError} needs to know of the refused answer. */
export interface RedirectErrorOptions {
  /** The 3xx status; 0 where the runtime hides it (a browser's `opaqueredirect`). */
  readonly status: number;
  readonly method: string;
  /** The request URL; stored redacted. */
  readonly url: string | URL;
  /** The `Location` header, if the runtime shows it; resolved against `url` and stored redacted. */
  readonly location?: string | null | undefined;
  /**
  The `fetch` followed the redirect although told not to (`response.redirected`): the request
  reached the target, and only its answer was refused. `location` is then the final URL.
  @default false
  */
  readonly followed?: boolean | undefined;
}

/** The target as an http(s) URL; anything else (`data:`, `javascript:`, garbage) is no target worth naming. */
function targetOf(location: string | null | undefined, url: string | URL): URL | undefined {
  if (!location) return undefined;
  try {
    const target = new URL(location, url);
    return target.protocol === 'http:' || target.protocol === 'https:' ? target : undefined;
  } catch {
    return undefined;
  }
}

/**
The server answered a request that carries credentials with a redirect, which bridgekit never
follows: a redirect could hand a signature, a client secret or a token to another origin, or pass
off another origin's answer as the API's. Nothing was sent to the target. Not retryable: point the
client at the final URL instead.

@example
```
if (isRedirectError(error)) {
	console.error(`${error.status}: the server moved to ${error.location}`);
}
```
*/
export class RedirectError extends HttpError {
  static override readonly kind: string = 'RedirectError';

  static {
    markErrorClass(this);
  }

  declare readonly code: typeof ErrorCode.Redirect;
  /** Where the server pointed, redacted like every URL; undefined when it named no valid target. */
  readonly location: string | undefined;

  constructor(options: RedirectErrorOptions) {
    const target = targetOf(options.location, options.url);
    const to = target === undefined ? 'elsewhere' : `to ${target.origin}`;
    const hint = options.followed
      ? `The \`fetch\` in use followed a redirect ${to} although told not to (\`redirect: 'manual'\`), so the request reached it; its answer was refused. Use a \`fetch\` that honours \`redirect: 'manual'\``
      : `The server redirected it ${to}; bridgekit follows no redirect of a request that carries credentials, so nothing was sent there. Point the client at the final URL if the move is genuine`;
    super(
      {
        status: options.status,
        method: options.method,
        url: options.url,
        hint,
        retryable: false,
      },
      ErrorCode.Redirect,
    );
    this.location = target === undefined ? undefined : redactUrl(target);
  }

  protected override serializableFields(): Record<string, unknown> {
    return { ...super.serializableFields(), location: this.location };
  }
}
