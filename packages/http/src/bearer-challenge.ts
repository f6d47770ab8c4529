/**
Whether a 401's `WWW-Authenticate` challenge says the Bearer token lacks a scope (RFC 6750 section
3.1 wants 403 for that, but not every server complies): a fresh token would have the same scopes,
so it is not worth one. Whole auth-params are read, so that a quoted `error_description` that
mentions the code does not count.

@example
```
if (response.status === 401 && !isInsufficientScope(response)) tokens.invalidate(token);
```
*/
export function isInsufficientScope(response: Response): boolean {
  const challenge = response.headers.get('www-authenticate') ?? '';
  for (const [, name, value] of challenge.matchAll(
    /([\w!#$%&'*+.^`|~-]+)\s*=\s*("(?:[^"\\]|\\.)*"|[^\s,]*)/g,
  )) {
    if (name?.toLowerCase() === 'error' && value?.replace(/^"|"$/g, '') === 'insufficient_scope') return true;
  }
  return false;
}
