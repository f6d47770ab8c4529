import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import { isJsonObject, type JsonBodyEnv, jsonObjectBody } from './json-body.js';

const app = new Hono<JsonBodyEnv>().post(
  '/echo',
  jsonObjectBody((context) => Response.json({ refused: context.req.path }, { status: 400 })),
  (context) => context.json({ received: context.var.jsonBody }),
);

const send = (body: string) => app.request('/echo', { method: 'POST', body });

describe('jsonObjectBody', () => {
  it('hands a JSON object on to the handlers after it', async () => {
    const response = await send('{"name": "Jane", "tags": [1]}');
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ received: { name: 'Jane', tags: [1] } });
  });

  it.each([
    ['not JSON', '{"name": '],
    ['empty', ''],
    ['an array', '[{"name": "Jane"}]'],
    ['null', 'null'],
    ['a number', '42'],
    ['a string', '"Jane"'],
  ])('answers with the refusal when the body is %s', async (_name, body) => {
    const response = await send(body);
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({ refused: '/echo' });
  });
});

describe('isJsonObject', () => {
  it('accepts objects only', () => {
    expect(isJsonObject({})).toBe(true);
    expect([[], null, undefined, 'x', 1].some(isJsonObject)).toBe(false);
  });
});
