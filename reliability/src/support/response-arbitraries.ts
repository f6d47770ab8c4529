import fc from 'fast-check';

/** A response to hand a client from its `fetch`: status, headers and body, all hostile. */
export interface ResponseSpec {
  readonly status: number;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string | Uint8Array;
}

const statuses = fc.oneof(
  {
    weight: 3,
    arbitrary: fc.constantFrom(
      200,
      200,
      200,
      201,
      400,
      401,
      403,
      404,
      408,
      422,
      429,
      500,
      501,
      502,
      503,
      505,
    ),
  },
  { weight: 1, arbitrary: fc.integer({ min: 200, max: 599 }) },
);
const wildNumber = fc.oneof(
  fc.constantFrom(0, -0, -1, 1, 1e308, -1e308, 2 ** 53, 2 ** 31, Number.MIN_VALUE, 0.5),
  fc.integer(),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
);
const text = fc.oneof(
  fc.string({ maxLength: 30 }),
  fc.constantFrom('', ' ', 'null', '\u0000', 'x'.repeat(5000)),
);
const anyValue = fc.anything({ maxDepth: 3 });

/** Bodies that are not JSON at all: random bytes, HTML, nothing. */
const notJson = fc.oneof(
  fc.uint8Array({ maxLength: 300 }),
  fc.constantFrom(
    '',
    ' ',
    '<html><body>502 Bad Gateway</body></html>',
    '{',
    '{"status": 200, "data": [',
    'null',
    'undefined',
  ),
  text,
);

const records = fc.array(
  fc.record({ id: fc.oneof(fc.integer(), anyValue), name: anyValue }, { requiredKeys: [] }),
  {
    maxLength: 60,
  },
);

/** Intend bodies: random JSON, and envelopes whose every field may be wrong (metadata included). */
export const intendBody: fc.Arbitrary<string | Uint8Array> = fc.oneof(
  notJson,
  fc.jsonValue({ maxDepth: 3 }).map((value) => JSON.stringify(value)),
  fc
    .record(
      {
        status: fc.oneof(statuses, anyValue),
        response: fc.oneof(fc.boolean(), anyValue),
        msg: fc.oneof(text, anyValue),
        data: fc.oneof(
          records,
          fc.record(
            {
              current_page: wildNumber,
              last_page: wildNumber,
              total: wildNumber,
              per_page: wildNumber,
              next_page_url: fc.oneof(text, fc.constant(null)),
              data: fc.oneof(records, anyValue),
            },
            { requiredKeys: [] },
          ),
          anyValue,
        ),
      },
      { requiredKeys: [] },
    )
    .map((value) => JSON.stringify(value) ?? ''),
);

/** Token endpoint bodies: RFC 6749 success and error shapes with wrong, huge and negative fields. */
export const tokenBody: fc.Arbitrary<string | Uint8Array> = fc.oneof(
  notJson,
  fc.jsonValue({ maxDepth: 2 }).map((value) => JSON.stringify(value)),
  fc
    .record(
      {
        access_token: fc.oneof(fc.string({ minLength: 1, maxLength: 60 }), fc.constant('a.b.c'), anyValue),
        token_type: fc.oneof(fc.constantFrom('Bearer', 'bearer', 'BEARER', 'DPoP', 'mac', ''), anyValue),
        expires_in: fc.oneof(
          wildNumber,
          fc.constantFrom('3600', ' 3600 ', '1e3', '-5', '0', 'NaN', 'Infinity', '1'.repeat(400), '3600.5'),
          anyValue,
        ),
        scope: fc.oneof(text, anyValue),
      },
      { requiredKeys: [] },
    )
    .map((value) => JSON.stringify(value) ?? ''),
  fc
    .record(
      {
        error: fc.oneof(fc.constantFrom('invalid_client', 'invalid_scope', 'server_error'), anyValue),
        error_description: fc.oneof(text, anyValue),
        error_uri: fc.oneof(text, anyValue),
      },
      { requiredKeys: [] },
    )
    .map((value) => JSON.stringify(value) ?? ''),
);

/** Ingo API bodies: problem details with wrong fields, random JSON, score groups of any shape. */
export const ingoBody: fc.Arbitrary<string | Uint8Array> = fc.oneof(
  notJson,
  fc.jsonValue({ maxDepth: 3 }).map((value) => JSON.stringify(value)),
  fc
    .record(
      {
        type: anyValue,
        title: fc.oneof(text, anyValue),
        status: fc.oneof(statuses, anyValue),
        detail: fc.oneof(text, anyValue),
        traceId: fc.oneof(text, anyValue),
        errors: anyValue,
        emailAddress: anyValue,
      },
      { requiredKeys: [] },
    )
    .map((value) => JSON.stringify(value) ?? ''),
);

const headerValues = {
  'content-type': fc.constantFrom(
    'application/json',
    'application/problem+json',
    'text/html',
    'text/plain',
    'application/octet-stream',
    '',
  ),
  'retry-after': fc.constantFrom(
    '0',
    '1',
    '-1',
    '1e308',
    '99999999999',
    'Fri, 31 Dec 9999 23:59:59 GMT',
    'Thu, 01 Jan 1970 00:00:00 GMT',
    'soon',
    '',
  ),
  date: fc.constantFrom(
    new Date().toUTCString(),
    'Fri, 31 Dec 9999 23:59:59 GMT',
    'Thu, 01 Jan 1970 00:00:00 GMT',
    'yesterday',
    '',
  ),
  'www-authenticate': fc.constantFrom(
    'Bearer',
    'Bearer error="invalid_token"',
    'Bearer error="insufficient_scope", scope="x"',
    'Basic',
    '"',
    '',
  ),
};

/** A whole response: status, a random subset of hostile headers, and one of the given bodies. */
export function responseSpec(body: fc.Arbitrary<string | Uint8Array>): fc.Arbitrary<ResponseSpec> {
  return fc.record({ status: statuses, headers: fc.record(headerValues, { requiredKeys: [] }), body });
}

/** The spec as a Fetch `Response` (no body where the status forbids one). */
export function toResponse(spec: ResponseSpec): Response {
  const empty = spec.status === 204 || spec.status === 205 || spec.status === 304;
  const body = empty ? null : typeof spec.body === 'string' ? spec.body : new Uint8Array(spec.body);
  return new Response(body, { status: spec.status, headers: spec.headers });
}
