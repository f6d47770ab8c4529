import { redactUrl } from './redact.js';

/** Where a request that got no HTTP answer was going. */
export interface RequestErrorOptions {
  /** The request method. */
  readonly method?: string | undefined;
  /** The request URL. It is stored redacted. */
  readonly url?: string | URL | undefined;
  readonly cause?: unknown;
}

/** @internal ` (GET https://…)` for a message, with the URL redacted; empty when either is unknown. */
export function describeRequest(options: RequestErrorOptions): string {
  return options.method && options.url ? ` (${options.method.toUpperCase()} ${redactUrl(options.url)})` : '';
}
