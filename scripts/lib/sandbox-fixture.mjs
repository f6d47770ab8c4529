// The credentials and data the sandbox host serves and the consumers and runtime checks use.
// The Ingo secret holds `+`, `%`, `:` and a space, which only match when form-encoded (RFC 6749).
export const sandboxFixture = {
  intend: { apiKey: 'check-api-key', secretKey: 'check-secret-key-0123', clients: 120 },
  ingo: { clientId: 'check client', clientSecret: 'check secret+%:1' },
};
