import { formEncode } from '@bridgekit/ingo-auth';

/**
Recognisable credentials every sandbox and client in the suite is configured with, so that the
leak audit can look for them in every error and log line. Each holds characters that URL and
form encoding change, so that the encoded forms differ from the literal one.
*/
export const credentials = {
  intendApiKey: 'RELAPIKEY-7f3e9c2a41d8',
  intendSecretKey: 'RELSECRET-intend-9b1d+4e7f/zq=',
  ingoClientId: 'reliability-client',
  ingoClientSecret: 'RELSECRET-ingo+client:Q9/zx=',
} as const;

const base64 = (text: string): string => Buffer.from(text, 'utf8').toString('base64');
const base64Url = (text: string): string => Buffer.from(text, 'utf8').toString('base64url');

// Access tokens the sandboxes issued during this file's run, fed in by the capturing fetch.
const issuedTokens = new Set<string>();

/** Records an access token a sandbox issued, so the audit looks for it too. */
export function rememberToken(token: string): void {
  if (token.length >= 8) issuedTokens.add(token);
}

/** How many issued tokens the audit knows of. */
export function knownTokenCount(): number {
  return issuedTokens.size;
}

/** Every form a secret may take in a leaked text: literal, URL- and form-encoded, Base64. */
function formsOf(secret: string): Array<readonly [form: string, value: string]> {
  return [
    ['literal', secret],
    ['URL-encoded', encodeURIComponent(secret)],
    ['form-encoded', formEncode(secret)],
    ['Base64', base64(secret)],
    ['Base64url', base64Url(secret)],
  ];
}

/** The needles the audit searches for, each with a name that says what leaked (never the value). */
export function secretNeedles(): ReadonlyArray<{ readonly name: string; readonly value: string }> {
  const { ingoClientId, ingoClientSecret, intendApiKey, intendSecretKey } = credentials;
  const needles = [
    ...formsOf(intendSecretKey).map(([form, value]) => ({ name: `Intend secret key (${form})`, value })),
    ...formsOf(intendApiKey).map(([form, value]) => ({ name: `Intend API key (${form})`, value })),
    ...formsOf(ingoClientSecret).map(([form, value]) => ({ name: `Ingo client secret (${form})`, value })),
    { name: 'Base64 of id:secret', value: base64(`${ingoClientId}:${ingoClientSecret}`) },
    {
      name: 'Base64 of formEncode(id):formEncode(secret)',
      value: base64(`${formEncode(ingoClientId)}:${formEncode(ingoClientSecret)}`),
    },
    ...[...issuedTokens].map((value, index) => ({ name: `issued access token #${index + 1}`, value })),
  ];
  return needles.filter(
    (needle, index) => needles.findIndex((each) => each.value === needle.value) === index,
  );
}

/** A fetch that records the access tokens in the token responses it sees, then hands them on. */
export function tokenCapturingFetch(fetch: typeof globalThis.fetch): typeof globalThis.fetch {
  return async (input, init) => {
    const response = await fetch(input, init);
    if (response.ok && (response.headers.get('content-type') ?? '').includes('json')) {
      // Read beside the client, not before it: a body that hangs or breaks off must reach the client as it is.
      response
        .clone()
        .text()
        .then((text) => {
          const token = /"access_token"\s*:\s*"([^"]+)"/.exec(text)?.[1];
          if (token !== undefined) rememberToken(token);
        })
        .catch(() => undefined);
    }
    return response;
  };
}
