import type { Secret } from '@bridgekit/errors';
import { basicCredentials } from '@bridgekit/http';

/**
How the client authenticates to the token endpoint (RFC 6749 section 2.3.1): `'basic'` sends an
`Authorization: Basic` header, `'body'` sends `client_id` and `client_secret` in the form.
*/
export type ClientAuthenticationMethod = 'basic' | 'body';

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
