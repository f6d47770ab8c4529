import { isHttpError } from '@bridgekit/errors';

/** An RFC 9457 problem details body as the Ingo APIs send it. */
export interface IngoProblemDetails {
  readonly type?: string;
  /** `InputValidationError`, `UnsupportedApiVersion`, `AmbiguousApiVersion`, `Unauthorized`, `ResourceNotFound`, ... */
  readonly title?: string;
  readonly status?: number;
  readonly detail?: string;
  readonly instance?: string;
  /** Record it for every failed request: Ingo support asks for it. */
  readonly traceId?: string;
  /** Validation failures: field path (`Identity.FirstName`) -> messages. */
  readonly errors?: Readonly<Record<string, readonly string[]>>;
}

/**
The problem details an Ingo API answered with, from any error the client threw; undefined when
the failure had none (a network error, a proxy's HTML page).

@example
```
try {
	await ingo.identityScore(request);
} catch (error) {
	const problem = problemDetailsOf(error);
	if (problem?.title === 'InputValidationError') console.error(problem.errors);
}
```
*/
export function problemDetailsOf(error: unknown): IngoProblemDetails | undefined {
  if (!isHttpError(error)) return undefined;
  const details: unknown = error.details;
  if (typeof details !== 'object' || details === null || Array.isArray(details)) return undefined;
  const fields = details as Record<string, unknown>;
  return typeof fields['title'] === 'string' || typeof fields['traceId'] === 'string'
    ? (details as IngoProblemDetails)
    : undefined;
}
