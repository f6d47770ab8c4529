import { createHttpError, isIntendFailureEnvelope, ResponseFormatError } from '@bridgekit/errors';

interface ExchangeContext {
  readonly method: string;
  readonly url: string;
  readonly status: number;
  readonly headers: Headers;
}

/**
Reads the documented envelope `{status, response, data, msg}` and returns `data`. A failure
envelope throws the mapped `HttpError` even over HTTP 200; a body that is not JSON, not an
envelope, or has no `data` throws `ResponseFormatError` naming what is wrong.
*/
export function unwrapEnvelope(text: string, context: ExchangeContext): unknown {
  const where = { method: context.method, url: context.url, status: context.status };
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch (cause) {
    const received = text.trimStart().startsWith('<')
      ? 'an HTML page'
      : text.length === 0
        ? 'an empty body'
        : 'text that is not JSON';
    throw new ResponseFormatError({ ...where, expected: 'a JSON Intend envelope', received, cause });
  }
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw new ResponseFormatError({
      ...where,
      expected: 'a JSON object envelope `{status, response, data, msg}`',
      received: Array.isArray(body) ? 'an array' : `a ${typeof body}`,
    });
  }
  if (isIntendFailureEnvelope(body)) {
    throw createHttpError({
      status: context.status,
      method: context.method,
      url: context.url,
      headers: context.headers,
      body,
    });
  }
  if (!('data' in body)) {
    throw new ResponseFormatError({
      ...where,
      field: 'data',
      expected: 'the envelope to carry `data`',
      received: 'no `data` field',
    });
  }
  return (body as { data: unknown }).data;
}
