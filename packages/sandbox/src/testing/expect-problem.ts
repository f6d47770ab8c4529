import { expect } from 'vitest';

/** The trace id the middleware tests hand out, so that whole problem bodies can be compared. */
export const testTraceId = '|trace.';

/**
Asserts an RFC 9457 answer as a whole: its status, its media type, and its body, which must be
`problem` plus the test trace id and nothing else.
*/
export async function expectProblem(
  response: Response,
  problem: { readonly status: number; readonly [field: string]: unknown },
): Promise<void> {
  expect(response.status).toBe(problem.status);
  expect(response.headers.get('content-type')).toBe('application/problem+json; charset=utf-8');
  expect(await response.json()).toEqual({ ...problem, traceId: testTraceId });
}
