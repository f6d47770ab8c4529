import { isConfigurationError } from '@bridgekit/errors';
import { describe, expect, it } from 'vitest';
import { createIngoSandbox, createIntendSandbox } from './index.js';
import { ingoHandlers, intendHandlers } from './msw.js';

function thrown(run: () => unknown): Error {
  try {
    run();
  } catch (error) {
    expect(isConfigurationError(error)).toBe(true);
    return error as Error;
  }
  throw new Error('expected a ConfigurationError');
}

const intend = { apiKey: 'key', secretKey: 'secret-key' };
const ingoClient = { clientId: 'c', clientSecret: 's', scopes: ['x'] };

describe("sandbox options are checked like the clients' options", () => {
  it('refuses missing or bad options with a ConfigurationError naming the option', () => {
    expect(thrown(() => createIntendSandbox({} as never)).message).toContain('`apiKey`');
    expect(thrown(() => createIntendSandbox({ ...intend, pageSize: 0 })).message).toContain('`pageSize`');
    expect(thrown(() => createIntendSandbox({ ...intend, clients: -1 })).message).toContain('`clients`');
    expect(thrown(() => createIntendSandbox({ ...intend, page_size: 20 } as never)).message).toContain(
      'Did you mean `pageSize`?',
    );
    expect(thrown(() => createIngoSandbox({ clients: [] })).message).toContain('`clients`');
    expect(
      thrown(() => createIngoSandbox({ clients: [{ ...ingoClient, clientSecret: '' }] })).message,
    ).toContain('`clients[0].clientSecret`');
  });

  it('refuses rates outside 0 to 1 and fault routes the sandbox does not serve, listing the routes', () => {
    expect(thrown(() => createIntendSandbox({ ...intend, faults: { errorRate: 2 } })).message).toContain(
      '`faults.errorRate`',
    );
    const sandbox = createIntendSandbox(intend);
    const missed = thrown(() => sandbox.injectFault({ kind: 'drop', route: 'GET /api/clients/' }));
    expect(missed.message).toContain('`fault.route`');
    expect(missed.message).toContain('GET /api/clients');
    expect(thrown(() => sandbox.injectFault({ kind: 'statuss' } as never)).message).toContain('`fault.kind`');
    expect(thrown(() => sandbox.injectFault({ kind: 'status' } as never)).message).toContain(
      '`fault.status`',
    );
    expect(
      thrown(() => sandbox.setFaults({ routes: { '/api/nope': { errorRate: 0.5 } } })).message,
    ).toContain("`faults.routes['/api/nope']`");
    sandbox.injectFault({ kind: 'status', status: 503, route: '/api/clients' });
    sandbox.injectFault({ kind: 'status', status: 503, route: 'GET /api/clients' });
    const ingo = createIngoSandbox({ clients: [ingoClient] });
    ingo.injectFault({ kind: 'status', status: 503, route: 'POST /connect/token' });
    ingo.injectFault({ kind: 'drop', route: '/connect/token' });
  });

  it('checks list changes, listen options and the msw base URL (a missing one would let requests out)', async () => {
    const sandbox = createIntendSandbox(intend);
    expect(thrown(() => sandbox.injectListChange({ insrt: 1 } as never)).message).toContain(
      'Did you mean `change.insert`?',
    );
    await expect(sandbox.listen({ prot: 0 } as never)).rejects.toThrow(/Did you mean `port`\?/);
    expect(thrown(() => intendHandlers(intend as never)).message).toContain('`baseUrl`');
    expect(thrown(() => ingoHandlers({ baseUrl: 'not a url', clients: [ingoClient] })).message).toContain(
      '`baseUrl`',
    );
    expect(intendHandlers({ ...intend, baseUrl: 'https://acme.intend.test' }).sandbox.stats.requests).toBe(0);
  });
});
