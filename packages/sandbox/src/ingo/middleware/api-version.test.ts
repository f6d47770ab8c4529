import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import { expectProblem, testTraceId } from '../../testing/expect-problem.js';
import { apiVersion } from './api-version.js';

const app = new Hono().post(
  '/api',
  apiVersion(() => testTraceId),
  (context) => context.text('passed'),
);

const send = (query: string, headers: Record<string, string> = {}) =>
  app.request(`http://ingo.test/api${query}`, { method: 'POST', headers });

// Version problems carry no `instance`, as ASP.NET API versioning sends them.
const expectBadRequest = (response: Response, title: string, detail: string) =>
  expectProblem(response, {
    type: 'https://tools.ietf.org/html/rfc7231#section-6.5.1',
    title,
    status: 400,
    detail,
  });

describe('apiVersion', () => {
  it.each([
    ['no version', '', {}],
    ['a header', '', { apiVersion: '1' }],
    ['a query parameter', '?apiVersion=1.0', {}],
    ['the same version twice', '?apiVersion=1', { apiVersion: ' 1.0 ' }],
    ['a blank header', '', { apiVersion: '  ' }],
  ])('lets version 1 through with %s', async (_name, query, headers) => {
    expect(await (await send(query, headers)).text()).toBe('passed');
  });

  it('answers 400 UnsupportedApiVersion for another version', async () => {
    await expectBadRequest(
      await send('?apiVersion=2.0'),
      'UnsupportedApiVersion',
      "The HTTP resource that matches the request URI 'http://ingo.test/api?apiVersion=2.0' does not support the API version '2'.",
    );
  });

  it('answers 400 AmbiguousApiVersion for two different versions', async () => {
    await expectBadRequest(
      await send('?apiVersion=2', { apiVersion: '1' }),
      'AmbiguousApiVersion',
      'The following API versions were requested: 1, 2. At most, only a single API version may be specified. Please update the intended API version and retry the request.',
    );
  });
});
