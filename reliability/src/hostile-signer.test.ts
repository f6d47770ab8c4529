import { createIntendSigner, type IntendSigner, verifyIntendRequest } from '@bridgekit/intend-signer';
import {
  asyncCase,
  expectReturns,
  expectSettles,
  type OptionSpec,
  optionCases,
  schemeOptions,
  syncCase,
} from './support/hostile-cases.js';
import type { HostileCase } from './support/hostile-check.js';
import { type HostileGroup, hostileGroupTests } from './support/hostile-group-test.js';
import { withValue } from './support/hostile-values.js';
import { leakAuditTest } from './support/leak-audit-test.js';
import { credentials } from './support/secrets.js';

const url = 'https://acme.intend.test/api/clients?page=2';
const signerOptions = () => ({ apiKey: credentials.intendApiKey, secretKey: credentials.intendSecretKey });
const signer = createIntendSigner(signerOptions());
const bodySigner = createIntendSigner({ ...signerOptions(), scheme: 'canonical-request' });

async function exercise(made: IntendSigner): Promise<void> {
  await expectSettles('sign()', () => made.sign({ method: 'POST', url, body: '{"a":1}' }));
  await expectReturns('adjustClock()', () => made.adjustClock(Date.now()));
  await expectReturns('clockOffsetMs', () => made.clockOffsetMs);
}

const signerSpecs: readonly OptionSpec[] = [
  [],
  ['apiKey'],
  ['secretKey'],
  ...schemeOptions,
  ['now'],
  ['clockOffsetMs'],
  ['headerNames'],
  ['headerNames', 'apiKey'],
  ['headerNames', 'timestamp'],
  ['headerNames', 'signature'],
  ['dangerouslyAllowBrowser'],
];

/** A signed request and matching verifier options, to spoil one part at a time. */
async function signedRequest(): Promise<{
  request: Record<string, unknown>;
  options: Record<string, unknown>;
}> {
  const body = '{"name":"x"}';
  const headers = await bodySigner.sign({ method: 'POST', url, body });
  return {
    request: { method: 'POST', url, headers, body },
    options: { secretFor: () => credentials.intendSecretKey, scheme: 'canonical-request' },
  };
}

function verifyCase(
  name: string,
  spoil: (signed: Awaited<ReturnType<typeof signedRequest>>, value: unknown) => [unknown, unknown],
): HostileCase {
  return {
    name,
    async run(value) {
      const signed = await signedRequest();
      const [request, options] = spoil(signed, value);
      await expectSettles(name, () => verifyIntendRequest(request as never, options as never));
    },
  };
}

const requestParts = ['method', 'url', 'headers', 'body'];
const headerParts = ['api-key', 'timestamp', 'signature'];
const optionParts = ['secretFor', 'scheme', 'toleranceSeconds', 'now', 'headerNames'];

const groups: readonly HostileGroup[] = [
  [
    'createIntendSigner: every option',
    () =>
      optionCases(
        'createIntendSigner',
        createIntendSigner as (options: unknown) => IntendSigner,
        signerOptions,
        signerSpecs,
        exercise,
      ),
  ],
  [
    'sign, adjustClock',
    () => [
      asyncCase('sign(request)', (value) => signer.sign(value as never)),
      asyncCase('sign({method})', (value) => signer.sign({ method: value as string, url })),
      asyncCase('sign({url})', (value) => signer.sign({ method: 'GET', url: value as string })),
      asyncCase('sign({body}) (canonical-request)', (value) =>
        bodySigner.sign({ method: 'POST', url, body: value as string }),
      ),
      syncCase('adjustClock(serverDate)', (value) => signer.adjustClock(value as number)),
    ],
  ],
  [
    'verifyIntendRequest: every part of the request and every option',
    () => [
      verifyCase('verifyIntendRequest(request)', ({ options }, value) => [value, options]),
      verifyCase('verifyIntendRequest(request, options)', ({ request }, value) => [request, value]),
      ...requestParts.map((part) =>
        verifyCase(`verifyIntendRequest({${part}})`, ({ request, options }, value) => [
          withValue(request, [part], value),
          options,
        ]),
      ),
      ...headerParts.map((header) =>
        verifyCase(`verifyIntendRequest({headers: {${header}}})`, ({ request, options }, value) => [
          withValue(request, ['headers', header], value),
          options,
        ]),
      ),
      ...optionParts.map((option) =>
        verifyCase(`verifyIntendRequest(request, {${option}})`, ({ request, options }, value) => [
          request,
          withValue(options, [option], value),
        ]),
      ),
    ],
  ],
];

hostileGroupTests('Signer', groups);

// The signer alone sends nothing: no client publishes on a channel here.
leakAuditTest('hostile input, signer', { expectChannels: false });
