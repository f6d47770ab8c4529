// What a user does with the packages, checked exactly. Shared by the release consumers (ESM and
// CommonJS), the Bun and Deno scripts and the workerd worker: each passes the package modules it
// imported its own way, so this file imports nothing and runs on every runtime. Every check
// returns what it saw, so that the runtimes' results can be compared with Node's.

const check = (condition, what) => {
  if (!condition) throw new Error(`usage check failed: ${what}`);
};

const bodyOf = (body) => {
  if (body === null) return undefined;
  if ('text' in body) return body.text;
  return Uint8Array.from(atob(body.base64), (character) => character.charCodeAt(0));
};

/** Signs every shipped test vector and verifies the result, with the vector's clock. */
export async function checkSigner({ createIntendSigner, verifyIntendRequest }, { vectors }) {
  const signatures = [];
  for (const vector of vectors) {
    const now = () => vector.now;
    const request = { ...vector.request, body: bodyOf(vector.request.body) };
    const options = {
      scheme: vector.scheme,
      now,
      ...(vector.headerNames && { headerNames: vector.headerNames }),
    };
    const signer = createIntendSigner({ apiKey: vector.apiKey, secretKey: vector.secretKey, ...options });
    const headers = await signer.sign(request);
    check(
      JSON.stringify(headers) === JSON.stringify(vector.headers),
      `${vector.name}: signed ${JSON.stringify(headers)}`,
    );
    const verified = await verifyIntendRequest(
      { ...request, headers },
      { ...options, secretFor: () => vector.secretKey },
    );
    check(verified.apiKey === vector.apiKey, `${vector.name}: verified as ${verified.apiKey}`);
    signatures.push(Object.values(headers).at(-1));
  }
  check(signatures.length > 0, 'no test vectors');
  return { vectors: signatures.length, signatures };
}

/** Lists every client of the Intend sandbox, page by page; a wrong secret is refused. */
export async function checkIntendClient({ createIntendClient }, { intendUrl, intend }) {
  const client = createIntendClient({
    baseUrl: intendUrl,
    apiKey: intend.apiKey,
    secretKey: intend.secretKey,
  });
  const pages = [];
  const ids = [];
  for await (const page of client.clients.list().pages()) {
    pages.push(page.items.length);
    ids.push(...page.items.map((record) => record.id));
  }
  const expectedPages = [50, 50, 20];
  check(JSON.stringify(pages) === JSON.stringify(expectedPages), `pages of ${pages.join(', ')} clients`);
  check(new Set(ids).size === intend.clients, `${new Set(ids).size} distinct clients of ${intend.clients}`);
  const all = await client.clients.list().toArray({ limit: 1000 });
  check(JSON.stringify(all.map((record) => record.id)) === JSON.stringify(ids), 'toArray and pages differ');
  const refused = await createIntendClient({
    baseUrl: intendUrl,
    apiKey: intend.apiKey,
    secretKey: 'wrong-secret-0000',
  })
    .clients.get(ids[0])
    .catch((error) => error);
  // By name and status: a project that installed only the client does not import @bridgekit/errors.
  check(refused?.name === 'AuthenticationError' && refused.status === 401, `a wrong secret gave ${refused}`);
  return {
    pages,
    firstId: ids[0],
    lastId: ids.at(-1),
    emails: all.map((record) => record.email).join(',').length,
  };
}

/** Gets a token with each client authentication method and scores an identity with it. */
export async function checkIngoAuth(
  { createIngoClient, createTokenManager, ingoScopes, scoreBand },
  { ingoUrl, ingo },
) {
  const results = {};
  for (const authMethod of ['basic', 'body']) {
    const tokens = createTokenManager({
      tokenUrl: `${ingoUrl}/connect/token`,
      clientId: ingo.clientId,
      clientSecret: ingo.clientSecret,
      scope: ingoScopes.identityScore,
      authMethod,
    });
    const client = createIngoClient({ tokens, baseUrl: ingoUrl });
    const scores = await client.identityScore({
      identity: { firstName: 'Gabriel', lastName: 'Mitchell', ssn: '900000001' },
      emailAddress: 'jane+negative@example.com',
      mobileNumber: '5550000000',
    });
    check(scores.emailAddress?.score === 99, `${authMethod}: email score ${scores.emailAddress?.score}`);
    check(scoreBand(scores.emailAddress.score) === 'negative', `${authMethod}: band of 99`);
    check(tokens.stats.tokenRequests === 1, `${authMethod}: ${tokens.stats.tokenRequests} token requests`);
    check(client.stats.requests === 1, `${authMethod}: ${client.stats.requests} API requests`);
    results[authMethod] = scores;
  }
  check(JSON.stringify(results.basic) === JSON.stringify(results.body), 'the two methods scored differently');
  return { authMethods: Object.keys(results), scores: results.basic };
}

/**
Counts what the bridgekit diagnostics channels publish while `run` runs: each `bridgekit:attempt`
message and each tracing channel's starts, ends and errors. Null where the runtime offers no
`node:diagnostics_channel` the way the packages look for it (then they publish nothing).
*/
async function heardOnChannels(run) {
  const diagnostics = globalThis.process?.getBuiltinModule?.('node:diagnostics_channel');
  if (!diagnostics?.tracingChannel) return { result: await run(), channels: null };
  const counts = {};
  const count = (name) => () => {
    counts[name] = (counts[name] ?? 0) + 1;
  };
  const stops = ['intend:call', 'ingo:call', 'ingo:token'].map((name) => {
    const channel = diagnostics.tracingChannel(`bridgekit:${name}`);
    const handlers = {
      start: count(`${name} start`),
      asyncEnd: count(`${name} end`),
      error: count(`${name} error`),
    };
    channel.subscribe(handlers);
    return () => channel.unsubscribe(handlers);
  });
  const attempt = count('attempt');
  diagnostics.subscribe('bridgekit:attempt', attempt);
  try {
    return { result: await run(), channels: counts };
  } finally {
    diagnostics.unsubscribe('bridgekit:attempt', attempt);
    for (const stop of stops) stop();
  }
}

/**
Every check above, as the runtime step runs them on Node, Bun, Deno and workerd, with what the
diagnostics channels published meanwhile (null where the runtime has none).
*/
export async function checkEverything({ signer, intendClient, ingoAuth, vectors }, config) {
  return heardOnChannels(async () => ({
    signer: await checkSigner(signer, { vectors }),
    intendClient: await checkIntendClient(intendClient, config),
    ingoAuth: await checkIngoAuth(ingoAuth, config),
  }));
}
