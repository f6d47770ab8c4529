import { inspect } from 'node:util';
import { describe, expect, it } from 'vitest';
import { redactBody, redactHeaders, redactText, redactUrl, Secret } from './index.js';

describe('Secret', () => {
  const value = 'client-secret-value';
  const secret = new Secret(value);

  it('prints [REDACTED] everywhere', () => {
    expect(String(secret)).toBe('[REDACTED]');
    expect(`${secret}`).toBe('[REDACTED]');
    expect(JSON.stringify({ secret })).toBe('{"secret":"[REDACTED]"}');
    expect(inspect(secret)).toBe('[REDACTED]');
    expect(inspect({ nested: { secret } }, { depth: 5, showHidden: true })).not.toContain(value);
    expect(Object.keys(secret)).toEqual([]);
  });

  it('reveals on request', () => {
    expect(secret.reveal()).toBe(value);
    expect(secret.length).toBe(value.length);
    expect(Secret.from(secret)).toBe(secret);
    expect(Secret.from(value).reveal()).toBe(value);
  });
});

describe('redaction helpers', () => {
  it('redactUrl removes user info and credential parameters, keeps the rest', () => {
    const redacted = redactUrl(
      'https://me:pw@acme.intend.com/api/clients?page=2&signature=abc&Api-Key=k&access_token=t#frag',
    );
    const parsed = new URL(redacted);
    expect(parsed.username).toBe('');
    expect(parsed.password).toBe('');
    expect(parsed.searchParams.get('page')).toBe('2');
    expect(parsed.searchParams.get('signature')).toBe('[REDACTED]');
    expect(parsed.searchParams.get('Api-Key')).toBe('[REDACTED]');
    expect(parsed.searchParams.get('access_token')).toBe('[REDACTED]');
    expect(redacted).not.toMatch(/abc|pw|frag/);
  });

  it('redactUrl drops the query of a relative URL', () => {
    expect(redactUrl('/api/clients?signature=abc')).toBe('/api/clients');
  });

  it('redactHeaders hides credential headers', () => {
    expect(
      redactHeaders(
        new Headers({
          Authorization: 'Bearer t',
          signature: 's',
          'api-key': 'k',
          Accept: 'application/json',
        }),
      ),
    ).toEqual({
      authorization: '[REDACTED]',
      signature: '[REDACTED]',
      'api-key': '[REDACTED]',
      accept: 'application/json',
    });
    expect(redactHeaders({ 'X-Api-Key': 'k', cookie: 'c' })).toEqual({
      'x-api-key': '[REDACTED]',
      cookie: '[REDACTED]',
    });
  });

  it('redactBody walks objects and arrays', () => {
    expect(redactBody({ a: [{ client_secret: 'x', keep: 1 }], token: 't' })).toEqual({
      a: [{ client_secret: '[REDACTED]', keep: 1 }],
      token: '[REDACTED]',
    });
  });
});

describe('redactUrl on unparseable input', () => {
  it('drops user info that breaks URL parsing', () => {
    expect(redactUrl('https://user:pa/ss@acme.intend.com/api?x=1')).toBe(
      'https://[REDACTED]@acme.intend.com/api',
    );
  });
});

describe('redactText', () => {
  it.each([
    ['bad client_secret SUPERSECRET', 'bad client_secret [REDACTED]'],
    ['invalid client_secret=SUPERSECRET&scope=x', 'invalid client_secret=[REDACTED]&scope=x'],
    ['{"access_token": "SUPERSECRET", "ok": 1}', '{"access_token": "[REDACTED]", "ok": 1}'],
    ['header was Authorization: Bearer SUPERSECRET', 'header was Authorization: [REDACTED] [REDACTED]'],
    ['Basic SUPERSECRET== rejected', 'Basic [REDACTED] rejected'],
    ['api-key: SUPERSECRET', 'api-key: [REDACTED]'],
  ])('%s', (text, expected) => {
    expect(redactText(text)).toBe(expected);
  });

  it('leaves ordinary messages alone', () => {
    for (const text of ['The access token expired', 'Client 16 not found', 'token_type must be Bearer']) {
      expect(redactText(text)).toBe(text);
    }
  });

  it('protects error messages and text bodies a server echoed a secret into', async () => {
    const { createHttpError } = await import('./index.js');
    const error = createHttpError({
      status: 500,
      method: 'POST',
      url: 'https://auth.test/connect/token',
      body: 'bad client_secret SUPERSECRET',
    });
    expect(`${error.message}${JSON.stringify(error)}${inspect(error, { depth: 8 })}`).not.toContain(
      'SUPERSECRET',
    );
  });
});
