import { createSeededRandom, type Random } from '../server/seeded-random.js';

/** An RFC 9457 problem details body, as the Ingo APIs send it. */
export interface IngoProblemDetails {
  readonly type: string;
  readonly title: string;
  readonly status: number;
  readonly detail?: string;
  readonly instance?: string;
  /** Ingo asks clients to record it for every failed request. */
  readonly traceId: string;
  /** Validation failures: field path (`Identity.FirstName`) -> messages. */
  readonly errors?: Readonly<Record<string, readonly string[]>>;
}

// The `type` URIs and titles Ingo's examples use; other statuses get a plain title.
const problemTypes: Readonly<Record<number, { readonly type: string; readonly title: string }>> = {
  400: { type: 'https://tools.ietf.org/html/rfc7231#section-6.5.1', title: 'BadRequest' },
  401: { type: 'https://tools.ietf.org/html/rfc7235#section-3.1', title: 'Unauthorized' },
  403: { type: 'https://tools.ietf.org/html/rfc7231#section-6.5.3', title: 'Forbidden' },
  404: { type: 'https://tools.ietf.org/html/rfc7231#section-6.5.4', title: 'ResourceNotFound' },
  405: { type: 'https://tools.ietf.org/html/rfc7231#section-6.5.5', title: 'MethodNotAllowed' },
  415: { type: 'https://tools.ietf.org/html/rfc7231#section-6.5.13', title: 'UnsupportedMediaType' },
  429: { type: 'https://tools.ietf.org/html/rfc6585#section-4', title: 'TooManyRequests' },
  500: { type: 'https://tools.ietf.org/html/rfc7231#section-6.6.1', title: 'InternalServerError.' },
  502: { type: 'https://tools.ietf.org/html/rfc7231#section-6.6.3', title: 'BadGateway' },
  503: { type: 'https://tools.ietf.org/html/rfc7231#section-6.6.4', title: 'ServiceUnavailable' },
  504: { type: 'https://tools.ietf.org/html/rfc7231#section-6.6.5', title: 'GatewayTimeout' },
};

function hex(random: Random, digits: number): string {
  let text = '';
  while (text.length < digits)
    text += Math.floor(random() * 0x1_0000_0000)
      .toString(16)
      .padStart(8, '0');
  return text.slice(0, digits);
}

/** @internal Makes trace ids in the shape ASP.NET gives Ingo's (`|bad4a210-4b51729b279dd00f.`). */
export function createTraceIds(seed: number): () => string {
  // A random source of its own, so that trace ids do not shift the seeded fault sequence.
  const random = createSeededRandom(seed ^ 0x7ace_1d00);
  return () => `|${hex(random, 8)}-${hex(random, 16)}.`;
}

/** @internal Builds a problem details response. */
export function problemResponse(
  problem: Omit<IngoProblemDetails, 'type' | 'title'> & { readonly title?: string; readonly type?: string },
  headers: Readonly<Record<string, string>> = {},
): Response {
  const known = problemTypes[problem.status];
  const body: IngoProblemDetails = {
    type: problem.type ?? known?.type ?? `https://httpstatuses.io/${problem.status}`,
    title: problem.title ?? known?.title ?? `Status${problem.status}`,
    status: problem.status,
    ...(problem.detail === undefined ? {} : { detail: problem.detail }),
    ...(problem.instance === undefined ? {} : { instance: problem.instance }),
    traceId: problem.traceId,
    ...(problem.errors === undefined ? {} : { errors: problem.errors }),
  };
  return new Response(JSON.stringify(body), {
    status: problem.status,
    headers: { 'content-type': 'application/problem+json; charset=utf-8', ...headers },
  });
}

/** @internal The 400 `InputValidationError` Ingo answers for a body that breaks its field rules. */
export function inputValidationProblem(
  instance: string,
  traceId: string,
  errors: Readonly<Record<string, readonly string[]>>,
): Response {
  return problemResponse({
    status: 400,
    title: 'InputValidationError',
    detail: 'See the errors field for details.',
    instance,
    traceId,
    errors,
  });
}
