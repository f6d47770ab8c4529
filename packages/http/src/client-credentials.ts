/* RFC 6749 section 2.3.1: client credentials in a Basic header, which any OAuth 2 client needs. */

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
