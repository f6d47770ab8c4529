import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import type { JsonBodyEnv } from '../../server/json-body.js';
import { expectProblem, testTraceId } from '../../testing/expect-problem.js';
import { validBody } from './valid-body.js';

const app = new Hono<JsonBodyEnv>().post(
  '/api',
  async (context, next) => {
    context.set('jsonBody', (await context.req.json()) as Record<string, unknown>);
    await next();
  },
  validBody(
    (body) => (typeof body['name'] === 'string' ? {} : { Name: ["'Name' must not be empty."] }),
    () => testTraceId,
  ),
  (context) => context.text('passed'),
);

const send = (body: unknown) => app.request('/api', { method: 'POST', body: JSON.stringify(body) });

describe('validBody', () => {
  it('lets a body that keeps the rules through', async () => {
    expect(await (await send({ name: 'Jane' })).text()).toBe('passed');
  });

  it('answers 400 InputValidationError with the failures by field path', async () => {
    await expectProblem(await send({ name: 1 }), {
      type: 'https://tools.ietf.org/html/rfc7231#section-6.5.1',
      title: 'InputValidationError',
      status: 400,
      detail: 'See the errors field for details.',
      instance: '/api',
      errors: { Name: ["'Name' must not be empty."] },
    });
  });
});
