import { ConfigurationError } from '@bridgekit/errors';
import { describe, expect, it } from 'vitest';
import { doctorSettings } from './doctor-configuration.js';
import { formatReport } from './report-format.js';
import { signatureCandidates } from './signature-candidates.js';

const intend = { INTEND_BASE_URL: 'https://acme.intend.test', INTEND_API_KEY: 'k', INTEND_SECRET_KEY: 's' };
const ingo = { INGO_ENVIRONMENT: 'uat', INGO_CLIENT_ID: 'id', INGO_CLIENT_SECRET: 'secret' };

function refusal(env: Record<string, string>): ConfigurationError {
  try {
    doctorSettings(env);
  } catch (error) {
    if (ConfigurationError.isInstance(error)) return error;
    throw error;
  }
  throw new Error('the settings were accepted');
}

describe('doctorSettings', () => {
  it('checks only the services the environment names', () => {
    expect(doctorSettings(intend)).toMatchObject({
      intend: { apiKey: 'k' },
      ingo: undefined,
      redisUrl: undefined,
    });
    expect(doctorSettings({ ...ingo })).toMatchObject({ intend: undefined, ingo: { authMethod: 'basic' } });
    expect(doctorSettings({ REDIS_URL: 'redis://127.0.0.1:6379' }).redisUrl).toBe('redis://127.0.0.1:6379');
  });

  it('refuses an empty environment, saying what to set', () => {
    const error = refusal({ HOME: '/root', INTEND_API_KEY: '' });
    expect(error.message).toContain('INTEND_BASE_URL');
    expect(error.message).toContain('INGO_CLIENT_ID');
    expect(error.message).toContain('REDIS_URL');
  });

  it('names the missing variables of a service that is half configured', () => {
    expect(refusal({ INTEND_BASE_URL: 'https://acme.intend.test' }).message).toContain(
      'INTEND_API_KEY, INTEND_SECRET_KEY',
    );
    expect(refusal({ INGO_CLIENT_ID: 'id', INGO_CLIENT_SECRET: 's' }).message).toContain('INGO_ENVIRONMENT');
  });

  it('refuses a malformed variable by name, and plain http off this machine', () => {
    expect(refusal({ ...ingo, INGO_AUTH_METHOD: 'post' }).message).toContain('INGO_AUTH_METHOD');
    expect(refusal({ ...intend, INTEND_BASE_URL: 'http://acme.intend.test' }).message).toContain(
      'INTEND_BASE_URL',
    );
  });
});

describe('signatureCandidates', () => {
  it('tries each of the 16 variants once, the default first', () => {
    const candidates = signatureCandidates();
    expect(candidates).toHaveLength(16);
    expect(new Set(candidates.map((each) => each.label)).size).toBe(16);
    expect(candidates[0]?.option).toBe('the default (no `scheme` option)');
    expect(candidates[1]?.option).toBe("scheme: 'canonical-request'");
    expect(candidates.at(-1)?.option).toBe(
      "scheme: {stringToSign: 'canonical-request', algorithm: 'SHA-512', encoding: 'base64', timestampUnit: 'ms'}",
    );
  });
});

describe('formatReport', () => {
  it('prints a line per check, the fix under it, and the counts', () => {
    const text = formatReport({
      ok: false,
      checks: [
        { name: 'intend reach', status: 'ok', message: 'answers' },
        { name: 'ingo token', status: 'fail', message: 'refused', fix: 'set INGO_AUTH_METHOD=body' },
      ],
    });
    expect(text).toBe(
      [
        'ok    intend reach  answers',
        'fail  ingo token    refused',
        '                    fix: set INGO_AUTH_METHOD=body',
        '',
        '1 ok, 0 warn, 1 fail',
        '',
      ].join('\n'),
    );
  });
});
