import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ingoScopes } from '@bridgekit/ingo-auth';
import { describe, expect, it } from 'vitest';
import { environmentWithDotEnv, loadConfiguration } from './configuration.js';

describe('configuration', () => {
  it('is sandbox mode with no INTEND_* or INGO_* variables', () => {
    expect(loadConfiguration({ PATH: '/bin' })).toEqual({ mode: 'sandbox' });
  });

  it('accepts INGO_ENVIRONMENT in place of the two Ingo URLs', () => {
    const configuration = loadConfiguration({
      INTEND_BASE_URL: 'https://acme.intend.com',
      INTEND_API_KEY: 'k',
      INTEND_SECRET_KEY: 's',
      INGO_CLIENT_ID: 'id',
      INGO_CLIENT_SECRET: 'secret',
      INGO_ENVIRONMENT: 'uat',
    });
    expect(configuration).toMatchObject({
      mode: 'live',
      ingo: { environment: 'uat', scope: ingoScopes.identityScore },
    });
  });

  it('rejects an unknown INGO_ENVIRONMENT by name', () => {
    expect(() => loadConfiguration({ INGO_ENVIRONMENT: 'staging' })).toThrow(/INGO_ENVIRONMENT/);
  });

  it('refuses a URL variable that is plain http: off the machine, naming the variable', () => {
    const live = {
      INTEND_BASE_URL: 'https://acme.intend.com',
      INTEND_API_KEY: 'k',
      INTEND_SECRET_KEY: 's',
      INGO_CLIENT_ID: 'id',
      INGO_CLIENT_SECRET: 'secret',
      INGO_TOKEN_URL: 'https://auth.example/connect/token',
      INGO_API_URL: 'https://api.example',
    };
    for (const name of ['INTEND_BASE_URL', 'INGO_TOKEN_URL', 'INGO_API_URL'] as const) {
      expect(() => loadConfiguration({ ...live, [name]: 'http://remote.example' })).toThrow(
        new RegExp(`\`${name}\`.*plaintext`),
      );
      expect(loadConfiguration({ ...live, [name]: 'http://127.0.0.1:4000' })).toMatchObject({ mode: 'live' });
    }
  });

  it('reads .env under the real environment', async () => {
    const folder = await mkdtemp(join(tmpdir(), 'bridgekit-env-'));
    try {
      await writeFile(join(folder, '.env'), 'INTEND_API_KEY=from-file\nINTEND_BASE_URL=https://file.test\n');
      expect(environmentWithDotEnv(folder, { INTEND_API_KEY: 'from-env' })).toMatchObject({
        INTEND_API_KEY: 'from-env',
        INTEND_BASE_URL: 'https://file.test',
      });
    } finally {
      await rm(folder, { recursive: true, force: true });
    }
  });
});
