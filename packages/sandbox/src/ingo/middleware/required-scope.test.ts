import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import { expectProblem, testTraceId } from '../../testing/expect-problem.js';
import type { BearerTokenEnv } from './bearer-token.js';
import { requiredScope } from './required-scope.js';

function appRequiring(scope: string) {
  return new Hono<BearerTokenEnv>().post(
    '/api',
    async (context, next) => {
      context.set('token', { clientId: 'demo', scopes: ['scope-a', 'scope-b'], issuedAt: 0, expiresAt: 1 });
      await next();
    },
    requiredScope(scope, () => testTraceId),
    (context) => context.text('passed'),
  );
}

describe('requiredScope', () => {
  it('lets a token with the scope through', async () => {
    const response = await appRequiring('scope-b').request('/api', { method: 'POST' });
    expect(await response.text()).toBe('passed');
  });

  it('answers 403 insufficient_scope naming the scope, as RFC 6750 section 3.1 prescribes', async () => {
    const response = await appRequiring('scope-c').request('/api', { method: 'POST' });
    expect(response.headers.get('www-authenticate')).toBe(
      'Bearer error="insufficient_scope", scope="scope-c"',
    );
    await expectProblem(response, {
      type: 'https://tools.ietf.org/html/rfc7231#section-6.5.3',
      title: 'Forbidden',
      status: 403,
      detail: 'Authorization failure: the access token does not grant the scope this API requires.',
      instance: '/api',
    });
  });
});
