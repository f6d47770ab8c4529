import type { ClientSettings } from './resolve-client-options.js';

const encoder = new TextEncoder();

/** The methods whose name ky and `Request` upper-case; any other goes out as it was given. */
const normalizedMethods = /^(?:get|post|put|patch|head|delete|query|options)$/i;

/**
@internal What a call's first attempt sends when it skips ky (see `sendCall`): the headers ky
would send (the client's, `content-type` for a JSON body, and the signature) and the body ky
would send (`JSON.stringify`).
*/
export async function firstAttemptInit(
  settings: ClientSettings,
  request: { readonly method: string; readonly url: string },
  json: unknown,
  signal: AbortSignal,
): Promise<RequestInit> {
  const method = normalizedMethods.test(request.method) ? request.method.toUpperCase() : request.method;
  const body = json === undefined ? undefined : JSON.stringify(json);
  const { signer } = settings;
  const signed = await signer.sign({
    method,
    url: request.url,
    body: body === undefined || signer.signsBody === false ? undefined : encoder.encode(body),
  });
  // Lower-case names, so that a plain object sets each header once, as `Headers.set` would.
  const headers: Record<string, string> = { ...settings.lowerCaseHeaders };
  if (body !== undefined) headers['content-type'] ??= 'application/json';
  for (const name in signed) headers[name.toLowerCase()] = signed[name] as string;
  return { method, headers, ...(body === undefined ? {} : { body }), signal };
}
