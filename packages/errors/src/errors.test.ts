import { inspect } from 'node:util';
import { describe, expect, it } from 'vitest';
import {
  AbortError,
  AuthenticationError,
  BridgekitError,
  ConfigurationError,
  createHttpError,
  ErrorCode,
  errorFromResponse,
  HttpError,
  isAuthenticationError,
  isBridgekitError,
  isHttpError,
  isOAuthError,
  isRateLimitError,
  isRedirectError,
  isResponseTooLargeError,
  isServerError,
  NetworkError,
  NotFoundError,
  OAuthError,
  PaginationError,
  PermissionError,
  parseRetryAfter,
  RateLimitError,
  RedirectError,
  ResponseFormatError,
  ResponseTooLargeError,
  ServerError,
  SignatureError,
  TimeoutError,
} from './index.js';

const secret = 'sk_live_S3cr3t+/Value';
const url = `https://user:${secret}@acme.intend.com/api/clients?page=2&signature=${secret}&api-key=${secret}&client_secret=${secret}&access_token=${secret}`;
const body = {
  access_token: secret,
  nested: { client_secret: secret, list: [{ password: secret }] },
  msg: 'nope',
};

const constructions: Array<[string, () => BridgekitError]> = [
  ['BridgekitError', () => new BridgekitError('plain', ErrorCode.Bridgekit, { cause: new Error('inner') })],
  ['HttpError', () => new HttpError({ status: 418, method: 'get', url, details: body })],
  ['AuthenticationError', () => new AuthenticationError({ method: 'GET', url, details: body })],
  ['PermissionError', () => new PermissionError({ method: 'GET', url, details: body })],
  ['NotFoundError', () => new NotFoundError({ method: 'GET', url, details: body })],
  ['RateLimitError', () => new RateLimitError({ method: 'GET', url, details: body, retryAfter: 1000 })],
  ['ServerError', () => new ServerError({ status: 503, method: 'GET', url, details: body })],
  [
    'OAuthError',
    () => new OAuthError({ status: 400, method: 'POST', url, details: body, error: 'invalid_client' }),
  ],
  ['NetworkError', () => new NetworkError('Connection refused', { method: 'GET', url })],
  ['TimeoutError', () => new TimeoutError({ timeout: 30_000, method: 'GET', url })],
  ['AbortError', () => new AbortError()],
  [
    'ResponseFormatError',
    () =>
      new ResponseFormatError({
        field: 'data',
        expected: 'an object',
        received: 'a string',
        method: 'GET',
        url,
      }),
  ],
  ['SignatureError', () => new SignatureError({ reason: 'signature_mismatch', header: 'signature' })],
  [
    'ConfigurationError',
    () =>
      new ConfigurationError({ option: 'secretKey', expected: 'at least 16 characters', received: secret }),
  ],
  [
    'PaginationError',
    () =>
      new PaginationError({
        checkpoint: { page: 3 },
        itemsYielded: 100,
        cause: new ServerError({ status: 503, method: 'GET', url, details: body }),
      }),
  ],
  ['RedirectError', () => new RedirectError({ status: 307, method: 'POST', url, location: url })],
  [
    'ResponseTooLargeError',
    () =>
      new ResponseTooLargeError({ limit: 1024, option: 'maxResponseBytes', status: 200, method: 'GET', url }),
  ],
  ['createHttpError', () => createHttpError({ status: 401, method: 'GET', url, body })],
];

describe('every error class', () => {
  it.each(constructions)('%s never shows a secret given to it', (_name, construct) => {
    const error = construct();
    const renderings = [
      error.message,
      String(error.stack),
      String(error),
      JSON.stringify(error),
      inspect(error, { depth: 10 }),
      inspect(error.toJSON(), { depth: 10 }),
    ];
    for (const rendering of renderings) expect(rendering).not.toContain(secret);
  });

  it.each(constructions)('%s has a stable code, a name and a boolean retryable', (name, construct) => {
    const error = construct();
    expect(Object.values(ErrorCode)).toContain(error.code);
    expect(error.name).toBe(name === 'createHttpError' ? 'AuthenticationError' : name);
    expect(typeof error.retryable).toBe('boolean');
    expect(error).toBeInstanceOf(Error);
    expect(BridgekitError.isInstance(error)).toBe(true);
    expect(error.toJSON()).toMatchObject({ name: error.name, code: error.code, message: error.message });
  });
});

describe('hostile-server errors', () => {
  it('RedirectError is a final HttpError naming the status, the target origin and why', () => {
    const error = new RedirectError({
      status: 308,
      method: 'post',
      url: 'https://auth.ingo.money/connect/token',
      location: `https://evil.test:8443/collect?client_secret=${secret}`,
    });
    expect(isRedirectError(error) && isHttpError(error)).toBe(true);
    expect(error.code).toBe(ErrorCode.Redirect);
    expect(error.retryable).toBe(false);
    expect(error.message).toContain('POST https://auth.ingo.money/connect/token failed with status 308');
    expect(error.message).toContain('redirected it to https://evil.test:8443');
    expect(error.message).toContain('nothing was sent there');
    expect(error.location).toMatch(/^https:\/\/evil\.test:8443\/collect\?client_secret=/);
    expect(error.toJSON()).toMatchObject({ status: 308, location: error.location });
    const nowhere = new RedirectError({ status: 0, method: 'GET', url: 'https://x.test', location: null });
    expect(nowhere.location).toBeUndefined();
    expect(nowhere.message).toContain('redirected it elsewhere');
    expect(
      new RedirectError({ status: 302, method: 'GET', url: 'https://x.test/a', location: '/b' }).location,
    ).toBe('https://x.test/b');
  });

  it('ResponseTooLargeError names the limit and the option, or says the limit is fixed', () => {
    const error = new ResponseTooLargeError({
      limit: 16 * 1024 * 1024,
      option: 'maxResponseBytes',
      method: 'get',
      url: 'https://x.test/a',
    });
    expect(isResponseTooLargeError(error)).toBe(true);
    expect(error.code).toBe(ErrorCode.ResponseTooLarge);
    expect(error.retryable).toBe(false);
    expect(error.message).toBe(
      'The response to GET https://x.test/a exceeded 16 MiB and was not read further; raise `maxResponseBytes` if the API really sends answers this large',
    );
    const fixed = new ResponseTooLargeError({ limit: 65_536 });
    expect(fixed.message).toContain('exceeded 64 KiB');
    expect(fixed.message).toContain('fixed limit');
    expect(new ResponseTooLargeError({ limit: 1000 }).message).toContain('1000 bytes');
  });
});

describe('a listing that stopped because the list changed', () => {
  it('PaginationError takes the ListChanged code, and a checkpoint with a page size resumes with both', () => {
    const error = new PaginationError({
      code: ErrorCode.ListChanged,
      checkpoint: { page: 4, pageSize: 20 },
      itemsYielded: 60,
      cause: undefined,
    });
    expect(error.code).toBe('BRIDGEKIT_LIST_CHANGED');
    expect(error.message).toContain('Resume with `startPage: 4, pageSize: 20`');
    expect(new PaginationError({ checkpoint: { page: 2 }, itemsYielded: 0, cause: undefined }).code).toBe(
      ErrorCode.Pagination,
    );
  });
});

describe('guards', () => {
  it('follow the class tree', () => {
    const error = new RateLimitError({ method: 'GET', url: 'https://x.test/' });
    expect(isRateLimitError(error)).toBe(true);
    expect(isHttpError(error)).toBe(true);
    expect(isBridgekitError(error)).toBe(true);
    expect(isAuthenticationError(error)).toBe(false);
    expect(HttpError.isInstance(error)).toBe(true);
    expect(RateLimitError.isInstance(error)).toBe(true);
    expect(ServerError.isInstance(error)).toBe(false);
    expect(isHttpError(new Error('x'))).toBe(false);
    expect(isHttpError(null)).toBe(false);
    expect(isHttpError('HttpError')).toBe(false);
  });

  it('recognise errors from another copy of the package', async () => {
    // The built output is a separate module graph from this source: a stand-in for a second installed copy.
    const copy = await import(new URL('../dist/index.js', import.meta.url).href);
    expect(copy.HttpError).not.toBe(HttpError);
    const foreign = new copy.AuthenticationError({ method: 'GET', url: 'https://x.test/' });
    expect(foreign instanceof HttpError).toBe(false);
    expect(isAuthenticationError(foreign)).toBe(true);
    expect(isHttpError(foreign)).toBe(true);
    expect(BridgekitError.isInstance(foreign)).toBe(true);
    expect(
      copy.isOAuthError(
        new OAuthError({ status: 400, method: 'POST', url: 'https://x.test/', error: 'invalid_scope' }),
      ),
    ).toBe(true);
  });
});

describe('retryable', () => {
  it.each([
    [408, true],
    [429, true],
    [500, true],
    [502, true],
    [503, true],
    [504, true],
    [400, false],
    [401, false],
    [404, false],
    [501, false],
    [505, false],
    [520, true],
    [599, true],
  ])('status %i -> %s', (status, retryable) => {
    expect(createHttpError({ status, method: 'GET', url: 'https://x.test/' }).retryable).toBe(retryable);
  });

  it('network and timeout errors are retryable, aborts and OAuth errors are not', () => {
    expect(new NetworkError('reset').retryable).toBe(true);
    expect(new TimeoutError({ timeout: 5 }).retryable).toBe(true);
    expect(new AbortError().retryable).toBe(false);
    expect(
      new OAuthError({ status: 400, method: 'POST', url: 'https://x.test/', error: 'invalid_client' })
        .retryable,
    ).toBe(false);
  });

  it('a pagination error takes retryable from its cause', () => {
    const retryable = new PaginationError({
      checkpoint: { page: 2 },
      itemsYielded: 50,
      cause: new NetworkError('x'),
    });
    const final = new PaginationError({ checkpoint: { page: 2 }, itemsYielded: 50, cause: new AbortError() });
    expect(retryable.retryable).toBe(true);
    expect(final.retryable).toBe(false);
    expect(retryable.message).toContain('startPage: 2');
    expect(retryable.toJSON()).toMatchObject({
      checkpoint: { page: 2 },
      itemsYielded: 50,
      cause: { code: ErrorCode.Network },
    });
  });
});

describe('createHttpError', () => {
  it('maps statuses to classes', () => {
    const make = (status: number) => createHttpError({ status, method: 'GET', url: 'https://x.test/' });
    expect(make(401)).toBeInstanceOf(AuthenticationError);
    expect(make(403)).toBeInstanceOf(PermissionError);
    expect(make(404)).toBeInstanceOf(NotFoundError);
    expect(make(429)).toBeInstanceOf(RateLimitError);
    expect(make(500)).toBeInstanceOf(ServerError);
    expect(make(418).constructor).toBe(HttpError);
  });

  it('reads RFC 9457 problem details with traceId', () => {
    const error = createHttpError({
      status: 400,
      method: 'post',
      url: 'https://insights-uat.ingo.money/identity/score',
      body: {
        type: 'https://tools.ietf.org/html/rfc9110#section-15.5.1',
        title: 'InputValidationError',
        status: 400,
        detail: 'One or more validation errors occurred.',
        traceId: '00-abc-def-01',
        errors: { 'identity.ssn': ['The ssn field is required.'] },
      },
    });
    expect(error.traceId).toBe('00-abc-def-01');
    expect(error.method).toBe('POST');
    expect(error.message).toContain('One or more validation errors occurred.');
    expect(error.details).toMatchObject({ errors: { 'identity.ssn': ['The ssn field is required.'] } });
  });

  it('reads RFC 6749 token errors', () => {
    const error = createHttpError({
      status: 400,
      method: 'POST',
      url: 'https://auth-uat.ingo.money/connect/token',
      body: { error: 'invalid_scope', error_description: 'Unknown scope', error_uri: 'https://x.test/e' },
    });
    expect(isOAuthError(error)).toBe(true);
    const oauth = error as OAuthError;
    expect([oauth.error, oauth.errorDescription, oauth.errorUri]).toEqual([
      'invalid_scope',
      'Unknown scope',
      'https://x.test/e',
    ]);
  });

  it('parses Retry-After in seconds and as an HTTP date', () => {
    const headers = new Headers({ 'retry-after': '3', 'x-request-id': 'req-1' });
    const error = createHttpError({
      status: 429,
      method: 'GET',
      url: 'https://x.test/',
      headers,
    }) as RateLimitError;
    expect(error.retryAfter).toBe(3000);
    expect(error.requestId).toBe('req-1');
    const now = Date.parse('2026-01-01T00:00:00Z');
    expect(parseRetryAfter('Thu, 01 Jan 2026 00:00:05 GMT', now)).toBe(5000);
    expect(parseRetryAfter('soon', now)).toBeUndefined();
    expect(parseRetryAfter(undefined, now)).toBeUndefined();
  });

  it('errorFromResponse parses JSON and tolerates text', async () => {
    const json = await errorFromResponse(
      new Response(JSON.stringify({ title: 'ResourceNotFound', detail: 'Client not found' }), {
        status: 404,
      }),
      { method: 'GET', url: 'https://acme.intend.com/api/clients?client_id=9' },
    );
    expect(json).toBeInstanceOf(NotFoundError);
    expect(json.message).toContain('Client not found');
    const text = await errorFromResponse(new Response('<html>Bad gateway</html>', { status: 502 }), {
      method: 'GET',
      url: 'https://x.test/',
    });
    expect(text).toBeInstanceOf(ServerError);
    expect(text.details).toBe('<html>Bad gateway</html>');
  });
});

describe('messages say what is wrong and how to fix it', () => {
  it('ConfigurationError names the option and never the value', () => {
    const error = new ConfigurationError({ option: 'apiKey', expected: 'a non-empty string', received: '' });
    expect(error.message).toBe(
      'Invalid option `apiKey`: expected a non-empty string, received an empty string.',
    );
    expect(error.option).toBe('apiKey');
  });

  it('SignatureError carries its reason', () => {
    const error = new SignatureError({ reason: 'timestamp_out_of_range', header: 'timestamp' });
    expect(error.reason).toBe('timestamp_out_of_range');
    expect(error.message).toContain('check the client clock');
  });

  it('ResponseFormatError names the field', () => {
    const error = new ResponseFormatError({
      field: 'expires_in',
      expected: 'a positive number',
      received: 'a string',
    });
    expect(error.message).toBe(
      'Unexpected field `expires_in`: expected a positive number, received a string',
    );
  });

  it('keeps the native cause', () => {
    const cause = new TypeError('fetch failed');
    expect(new NetworkError('Could not connect', { cause }).cause).toBe(cause);
  });
});

describe('attachCheckpoint', () => {
  it('keeps the class, adds the resume point to fields, message and JSON', async () => {
    const { attachCheckpoint } = await import('./index.js');
    const error = attachCheckpoint(
      new ServerError({ status: 503, method: 'GET', url: 'https://x.test/' }),
      { page: 4 },
      150,
    );
    expect(isServerError(error)).toBe(true);
    expect(error.checkpoint).toEqual({ page: 4 });
    expect(error.itemsYielded).toBe(150);
    expect(error.message).toContain('resume with `startPage: 4`');
    expect(error.toJSON()).toMatchObject({ checkpoint: { page: 4 }, itemsYielded: 150 });
    expect(new NetworkError('x').checkpoint).toBeUndefined();
    expect('checkpoint' in new NetworkError('x')).toBe(false);
    expect(inspect(new NetworkError('x'))).not.toContain('checkpoint');
  });

  it('leaves the resume hint out of the message where trying again would not help', async () => {
    const { attachCheckpoint } = await import('./index.js');
    const error = attachCheckpoint(
      new AuthenticationError({ method: 'GET', url: 'https://x.test/' }),
      { page: 1 },
      0,
    );
    expect(error.checkpoint).toEqual({ page: 1 });
    expect(error.message).toBe('GET https://x.test/ failed with status 401');
  });

  it('adds the client hint to an HTTP error message', () => {
    const error = createHttpError({
      status: 401,
      method: 'GET',
      url: 'https://x.test/',
      hint: 'Check `apiKey`.',
    });
    expect(error.message).toBe('GET https://x.test/ failed with status 401. Check `apiKey`.');
  });

  it('sets the resume point once', async () => {
    const { attachCheckpoint } = await import('./index.js');
    const error = attachCheckpoint(new NetworkError('x'), { page: 2 }, 50);
    const message = error.message;
    expect(attachCheckpoint(error, { page: 9 }, 400)).toBe(error);
    expect([error.checkpoint, error.itemsYielded, error.message]).toEqual([{ page: 2 }, 50, message]);
  });
});

describe('the error package knows no vendor', () => {
  it('does not read an Intend-style envelope: a 200 with a failure body is not lifted', () => {
    const error = createHttpError({ status: 400, method: 'GET', url: 'https://x.test/', body: { msg: 'x' } });
    expect(error.status).toBe(400);
    expect(error.message).toBe('GET https://x.test/ failed with status 400');
  });

  it('takes the server message from the caller when the body is the API own shape', () => {
    const error = createHttpError({
      status: 401,
      method: 'GET',
      url: 'https://x.test/',
      body: { msg: 'Authentication failed' },
      serverMessage: 'Authentication failed',
    });
    expect(error.message).toContain(': Authentication failed');
  });
});

describe('class shape', () => {
  it('sets name once, on the prototype, from the class kind', () => {
    const error = new RateLimitError({ method: 'GET', url: 'https://x.test/' });
    expect(error.name).toBe('RateLimitError');
    expect(Object.hasOwn(error, 'name')).toBe(false);
    expect(String(error)).toMatch(/^RateLimitError: /);
    expect(String(error.stack)).toMatch(/^RateLimitError: /);
  });

  it('types each code narrowly', () => {
    const error = new AuthenticationError({ method: 'GET', url: 'https://x.test/' });
    const code: typeof ErrorCode.Authentication = error.code;
    expect(code).toBe(ErrorCode.Authentication);
  });

  it('serialises a cause thrown by another installed copy in full', async () => {
    const copy = await import(new URL('../dist/index.js', import.meta.url).href);
    const cause = new copy.TimeoutError({ timeout: 5 });
    const error = new NetworkError('outer', { cause });
    expect(error.toJSON().cause).toMatchObject({ code: ErrorCode.Timeout, retryable: true, timeout: 5 });
  });

  it('redacts credentials a token endpoint echoed into error_description', () => {
    const error = createHttpError({
      status: 400,
      method: 'POST',
      url: 'https://x.test/token',
      body: { error: 'invalid_client', error_description: `bad client_secret=${secret}` },
    }) as OAuthError;
    expect(error.errorDescription).toBe('bad client_secret=[REDACTED]');
    expect(JSON.stringify(error)).not.toContain(secret);
    expect(inspect(error, { depth: 10 })).not.toContain(secret);
  });
});

describe('describeValue', () => {
  it('counts characters in good grammar', async () => {
    const { describeValue } = await import('./index.js');
    expect(describeValue('x')).toBe('a string of 1 character');
    expect(describeValue('xy')).toBe('a string of 2 characters');
  });
});
