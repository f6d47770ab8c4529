// Writes test-vectors.json. Independent of the package on purpose: every canonical string below is
// written out by hand from the README's definition, and every body hash and HMAC comes from the
// openssl command line, so the vectors check the implementation instead of repeating it.
// Run: node scripts/generate-test-vectors.js
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';

const openssl = (args, input) => execFileSync('openssl', ['dgst', ...args, '-binary'], { input });
const sha256Hex = (bytes) => openssl(['-sha256'], bytes).toString('hex');
const hmac = (algorithm, key, message, encoding) =>
  openssl(
    [
      algorithm === 'SHA-512' ? '-sha512' : '-sha256',
      '-mac',
      'HMAC',
      '-macopt',
      `hexkey:${Buffer.from(key).toString('hex')}`,
    ],
    Buffer.from(message),
  ).toString(encoding);

const empty = sha256Hex(Buffer.alloc(0));
if (empty !== 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855')
  throw new Error('openssl is off');

const apiKey = 'a0761d825272c0a394e80f6cfc48bf9a';
const secretKey = 'intend-secret-key-0001';
const now = 1732370000000;
const ts = '1732370000';
const binary = Buffer.from([0x00, 0xff, 0x10, 0x80, 0xc3, 0x28, 0x0a, 0x0d, 0x00, 0x7f, 0xfe, 0x20]);
const unicodeBody = '{"first_name":"Zoë","city":"Zürich","note":"🚀 ünïcödé ключ"}';
const saleBody = '{"type":"invoice","items":[{"sku":"A-1","qty":2}],"currency":"EUR"}';
const hashOf = (text) => sha256Hex(Buffer.from(text));
const base = { apiKey, secretKey, now };

const vectors = [
  {
    name: "key-timestamp: GET without a body (the vendor's example API key)",
    scheme: 'key-timestamp',
    ...base,
    request: { method: 'GET', url: 'https://acme.intend.com/api/clients?page=2', body: null },
    stringToSign: apiKey + ts,
  },
  {
    name: 'key-timestamp: POST with a JSON body (this scheme does not sign it), clock mid-second',
    scheme: 'key-timestamp',
    ...base,
    now: now + 999,
    request: {
      method: 'POST',
      url: 'https://acme.intend.com/api/clients/create',
      body: { text: '{"first_name":"Ada","last_name":"Lovelace"}' },
    },
    stringToSign: apiKey + ts,
  },
  {
    name: 'key-timestamp: unicode secret key (the HMAC key is its UTF-8 bytes)',
    scheme: 'key-timestamp',
    apiKey: 'demo-key-01',
    secretKey: 'sécret-ключ-🔑',
    now: 1700000000000,
    request: { method: 'GET', url: 'https://demo.intend.com/api/inventory/products', body: null },
    stringToSign: 'demo-key-011700000000',
  },
  {
    name: 'key-timestamp: renamed headers',
    scheme: 'key-timestamp',
    headerNames: { apiKey: 'x-api-key', signature: 'x-signature' },
    ...base,
    request: { method: 'GET', url: 'https://acme.intend.com/api/clients', body: null },
    stringToSign: apiKey + ts,
  },
  {
    name: 'canonical-request: GET without a body hashes zero bytes',
    scheme: 'canonical-request',
    ...base,
    request: { method: 'GET', url: 'https://acme.intend.com/api/clients?page=2', body: null },
    stringToSign: `GET\n/api/clients\npage=2\n${ts}\n${empty}`,
  },
  {
    name: 'canonical-request: POST with an empty string body',
    scheme: 'canonical-request',
    ...base,
    request: {
      method: 'POST',
      url: 'https://acme.intend.com/api/transactions/sale/create',
      body: { text: '' },
    },
    stringToSign: `POST\n/api/transactions/sale/create\n\n${ts}\n${empty}`,
  },
  {
    name: 'canonical-request: unicode JSON body',
    scheme: 'canonical-request',
    ...base,
    request: {
      method: 'POST',
      url: 'https://acme.intend.com/api/clients/create',
      body: { text: unicodeBody },
    },
    stringToSign: `POST\n/api/clients/create\n\n${ts}\n${hashOf(unicodeBody)}`,
  },
  {
    name: 'canonical-request: binary body (not valid UTF-8)',
    scheme: 'canonical-request',
    ...base,
    request: {
      method: 'PUT',
      url: 'https://acme.intend.com/api/files/42',
      body: { base64: binary.toString('base64') },
    },
    stringToSign: `PUT\n/api/files/42\n\n${ts}\n${sha256Hex(binary)}`,
  },
  {
    name: 'canonical-request: query values that need RFC 3986 encoding',
    scheme: 'canonical-request',
    ...base,
    request: {
      method: 'GET',
      url: "https://acme.intend.com/api/clients?q=a+b%20c&name=J%C3%BCrgen&sym=*()!'&tilde=~x&plus=1%2B1&slash=a/b&flag&empty=",
      body: null,
    },
    stringToSign: `GET\n/api/clients\nempty=&flag&name=J%C3%BCrgen&plus=1%2B1&q=a%20b%20c&slash=a%2Fb&sym=%2A%28%29%21%27&tilde=~x\n${ts}\n${empty}`,
  },
  {
    name: 'canonical-request: repeated query keys, sorted by name then value (byte order)',
    scheme: 'canonical-request',
    ...base,
    request: {
      method: 'GET',
      url: 'https://acme.intend.com/api/clients?department=2&b=x&department=10&a=&department=1&B=y',
      body: null,
    },
    stringToSign: `GET\n/api/clients\nB=y&a=&b=x&department=1&department=10&department=2\n${ts}\n${empty}`,
  },
  {
    name: 'canonical-request: invalid UTF-8 in the query is kept byte for byte (%FF is not U+FFFD)',
    scheme: 'canonical-request',
    ...base,
    request: {
      method: 'GET',
      url: 'https://acme.intend.com/api/files?name=%FF%FE&q=%C3%28&ok=%c3%bc&bom=%EF%BF%BD',
      body: null,
    },
    stringToSign: `GET\n/api/files\nbom=%EF%BF%BD&name=%FF%FE&ok=%C3%BC&q=%C3%28\n${ts}\n${empty}`,
  },
  {
    name: 'canonical-request: a bare key (?f) is not an empty value (?f=)',
    scheme: 'canonical-request',
    ...base,
    request: { method: 'GET', url: 'https://acme.intend.com/api/clients?f', body: null },
    stringToSign: `GET\n/api/clients\nf\n${ts}\n${empty}`,
  },
  {
    name: 'canonical-request: an empty value (?f=) is not a bare key (?f)',
    scheme: 'canonical-request',
    ...base,
    request: { method: 'GET', url: 'https://acme.intend.com/api/clients?f=', body: null },
    stringToSign: `GET\n/api/clients\nf=\n${ts}\n${empty}`,
  },
  {
    name: 'canonical-request: one name bare, empty and with a value sorts in that order',
    scheme: 'canonical-request',
    ...base,
    request: { method: 'GET', url: 'https://acme.intend.com/api/clients?f=1&f=&f&e', body: null },
    stringToSign: `GET\n/api/clients\ne&f&f=&f=1\n${ts}\n${empty}`,
  },
  {
    name: 'canonical-request: lower-case method is upper-cased, encoded path kept as sent',
    scheme: 'canonical-request',
    ...base,
    request: {
      method: 'post',
      url: 'https://acme.intend.com/api/clients/J%C3%BCrgen%20M/notes?x=1',
      body: { text: '{}' },
    },
    stringToSign: `POST\n/api/clients/J%C3%BCrgen%20M/notes\nx=1\n${ts}\n${hashOf('{}')}`,
  },
  {
    name: 'canonical-request: URL without a path or query',
    scheme: 'canonical-request',
    ...base,
    request: { method: 'GET', url: 'https://acme.intend.com', body: null },
    stringToSign: `GET\n/\n\n${ts}\n${empty}`,
  },
  {
    name: 'custom: key-timestamp string with millisecond timestamps',
    scheme: { stringToSign: 'key-timestamp', timestampUnit: 'ms' },
    ...base,
    now: now + 123,
    request: { method: 'GET', url: 'https://acme.intend.com/api/clients?page=2', body: null },
    stringToSign: `${apiKey}1732370000123`,
  },
  {
    name: 'custom: key-timestamp string, base64 signature',
    scheme: { stringToSign: 'key-timestamp', encoding: 'base64' },
    ...base,
    request: { method: 'GET', url: 'https://acme.intend.com/api/clients?page=2', body: null },
    stringToSign: apiKey + ts,
  },
  {
    name: 'custom: key-timestamp string, HMAC-SHA512',
    scheme: { stringToSign: 'key-timestamp', algorithm: 'SHA-512' },
    ...base,
    request: {
      method: 'GET',
      url: 'https://acme.intend.com/api/inventory/categories?category_id=7',
      body: null,
    },
    stringToSign: apiKey + ts,
  },
  {
    name: 'custom: canonical-request string, HMAC-SHA512, base64, milliseconds, with a body',
    scheme: {
      stringToSign: 'canonical-request',
      algorithm: 'SHA-512',
      encoding: 'base64',
      timestampUnit: 'ms',
    },
    ...base,
    now: now + 456,
    request: {
      method: 'POST',
      url: 'https://acme.intend.com/api/transactions/sale/create?dry_run=1',
      body: { text: saleBody },
    },
    stringToSign: `POST\n/api/transactions/sale/create\ndry_run=1\n1732370000456\n${hashOf(saleBody)}`,
  },
];

for (const vector of vectors) {
  const scheme = typeof vector.scheme === 'object' ? vector.scheme : {};
  const timestamp = String(scheme.timestampUnit === 'ms' ? vector.now : Math.floor(vector.now / 1000));
  if (!vector.stringToSign.includes(timestamp))
    throw new Error(`${vector.name}: timestamp ${timestamp} not signed`);
  const names = { apiKey: 'api-key', timestamp: 'timestamp', signature: 'signature', ...vector.headerNames };
  vector.headers = {
    [names.apiKey]: vector.apiKey,
    [names.timestamp]: timestamp,
    [names.signature]: hmac(
      scheme.algorithm,
      vector.secretKey,
      vector.stringToSign,
      scheme.encoding ?? 'hex',
    ),
  };
}

// Key order as in the README's description of a vector.
const ordered = vectors.map(
  ({ name, scheme, headerNames, apiKey, secretKey, now, request, stringToSign, headers }) => ({
    name,
    scheme,
    ...(headerNames ? { headerNames } : {}),
    apiKey,
    secretKey,
    now,
    request,
    stringToSign,
    headers,
  }),
);

const document = {
  $comment:
    'Test vectors for @bridgekit/intend-signer, generated with the openssl CLI (see the README). Each vector: sign `request` with `apiKey`, `secretKey` and `scheme` while the clock reads `now` (epoch milliseconds); the string to sign must equal `stringToSign` (its UTF-8 bytes are the HMAC message) and the headers must equal `headers`. `body` is null (no body), {"text": ...} (its UTF-8 bytes) or {"base64": ...} (raw bytes). `scheme` is a built-in name or a custom scheme object whose `stringToSign` names a built-in string. Verifying `headers` on the same request with the clock at `now` must succeed.',
  vectors: ordered,
};
writeFileSync(new URL('../test-vectors.json', import.meta.url), `${JSON.stringify(document, null, 2)}\n`);
process.stdout.write(`wrote ${ordered.length} vectors to test-vectors.json\n`);
