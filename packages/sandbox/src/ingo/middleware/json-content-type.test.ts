import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import { expectProblem, testTraceId } from '../../testing/expect-problem.js';
import { jsonContentType } from './json-content-type.js';

const app = new Hono().post(
  '/api',
  jsonContentType(() => testTraceId),
  (context) => context.text('passed'),
);

const send = (contentType?: string) =>
  app.request('/api', {
    method: 'POST',
    headers: contentType === undefined ? {} : { 'content-type': contentType },
    body: '{}',
  });

describe('jsonContentType', () => {
  it.each([
    'application/json',
    'Application/JSON; charset=utf-8',
    'application/problem+json',
    'application/json-patch+json ',
  ])('lets %s through', async (contentType) => {
    expect(await (await send(contentType)).text()).toBe('passed');
  });

  it.each([
    ['no content type', undefined],
    ['text/plain', 'text/plain;charset=UTF-8'],
    ['a look-alike', 'application/jsonp'],
    ['a form', 'application/x-www-form-urlencoded'],
  ])('answers 415 problem details for %s', async (_name, contentType) => {
    await expectProblem(await send(contentType), {
      type: 'https://tools.ietf.org/html/rfc7231#section-6.5.13',
      title: 'UnsupportedMediaType',
      status: 415,
      detail: 'The request body must be JSON (Content-Type: application/json).',
      instance: '/api',
    });
  });
});
