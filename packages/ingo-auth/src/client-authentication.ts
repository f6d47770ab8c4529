import type { Secret } from '@bridgekit/errors';

/**
How the client authenticates to the token endpoint (RFC 6749 section 2.3.1): `'basic'` sends an
`Authorization: Basic` header, `'body'` sends `client_id` and `client_secret` in the form.
*/
export type ClientAuthenticationMethod = 'basic' | 'body';

/**
Encodes a value as `application/x-www-form-urlencoded` does (spaces become `+`), which RFC 6749
section 2.3.1 requires for each half of the Basic credentials before they are joined.

@example
```
formEncode('p@ss word+1'); //=> 'p%40ss+word%2B1'
```
*/
export function formEncode(value: string): string {
  return new URLSearchParams([['', value]]).toString().slice(1);
}

/**
The `Authorization` header value for client authentication with `'basic'`:
`Basic base64(formEncode(clientId) + ':' + formEncode(clientSecret))`. Without the encoding step a
secret holding `+`, `%` or `:` is misread by servers that decode it, as IdentityServer does.

@example
```
basicCredentials('client', 'secret'); //=> 'Basic Y2xpZW50OnNlY3JldA=='
```
*/
export function basicCredentials(clientId: string, clientSecret: string): string {
  // Form encoding leaves only ASCII, so btoa (available on every runtime) is safe here.
  return `Basic ${btoa(`${formEncode(clientId)}:${formEncode(clientSecret)}`)}`;
}

/** @internal The headers and body of one client credentials token request. */
export function tokenRequestInit(options: {
  readonly clientId: string;
  readonly clientSecret: Secret;
  readonly scope: string;
  readonly authMethod: ClientAuthenticationMethod;
  readonly userAgent: string;
}): { readonly headers: Record<string, string>; readonly body: string } {
  // Always `grant_type`: some of Ingo's examples omit it, and IdentityServer then refuses the request.
  const form = new URLSearchParams({ grant_type: 'client_credentials', scope: options.scope });
  const headers: Record<string, string> = {
    'content-type': 'application/x-www-form-urlencoded',
    accept: 'application/json',
    'user-agent': options.userAgent,
  };
  if (options.authMethod === 'basic') {
    headers['authorization'] = basicCredentials(options.clientId, options.clientSecret.reveal());
  } else {
    form.set('client_id', options.clientId);
    form.set('client_secret', options.clientSecret.reveal());
  }
  return { headers, body: form.toString() };
}
