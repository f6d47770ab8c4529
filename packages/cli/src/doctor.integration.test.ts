import { afterEach, describe, expect, it } from 'vitest';
import { runDoctor } from './doctor.js';
import { signatureCandidates } from './signature-candidates.js';
import { ingoAt, intendAt, stopAll } from './testing/services.js';

afterEach(stopAll);

const line = (report: Awaited<ReturnType<typeof runDoctor>>, name: string) =>
  report.checks.find((each) => each.name === name);

describe('bridgekit doctor: Intend', () => {
  it('names the scheme and variant each sandbox accepts, whichever it is', async () => {
    for (const candidate of signatureCandidates()) {
      const env = await intendAt({ scheme: candidate.scheme });
      const report = await runDoctor({ env });
      expect(report.ok, candidate.label).toBe(true);
      expect(line(report, 'intend signature')?.message).toContain(`accepted: ${candidate.label},`);
      if (candidate.label !== 'key-timestamp, SHA-256, hex, seconds') {
        expect(line(report, 'intend signature')?.message).toContain(candidate.option);
      }
      await stopAll();
    }
  });

  it('finds the scheme of a server whose clock is 10 minutes ahead, and warns of the offset', async () => {
    const scheme = { stringToSign: 'canonical-request', timestampUnit: 'ms' } as const;
    const env = await intendAt({ scheme, now: () => Date.now() + 600_000 });
    const report = await runDoctor({ env });
    expect(line(report, 'intend signature')).toMatchObject({ status: 'ok' });
    expect(line(report, 'intend signature')?.message).toContain(
      'canonical-request, SHA-256, hex, milliseconds',
    );
    expect(line(report, 'intend clock')).toMatchObject({ status: 'warn' });
    expect(line(report, 'intend clock')?.message).toMatch(/is (599|600|601) s ahead of this machine/);
    expect(report.ok).toBe(true);
  });

  it('fails a wrong secret with what was tried and what to check', async () => {
    const env = { ...(await intendAt()), INTEND_SECRET_KEY: 'not-the-secret-key-0123456789' };
    const report = await runDoctor({ env });
    expect(report.ok).toBe(false);
    const signature = line(report, 'intend signature');
    expect(signature).toMatchObject({ status: 'fail' });
    expect(signature?.message).toContain('all 16 signatures tried were refused with 401');
    expect(signature?.fix).toContain('INTEND_SECRET_KEY');
    expect(JSON.stringify(report)).not.toContain('not-the-secret-key');
  });

  it('fails an address that does not answer, naming the variable', async () => {
    const report = await runDoctor({
      env: { INTEND_BASE_URL: 'http://127.0.0.1:9', INTEND_API_KEY: 'k', INTEND_SECRET_KEY: 's' },
    });
    expect(report.checks).toEqual([expect.objectContaining({ name: 'intend reach', status: 'fail' })]);
    expect(report.checks[0]?.fix).toContain('INTEND_BASE_URL');
  });
});

describe('bridgekit doctor: Ingo', () => {
  it('gets a token, reads its lifetime and clock, and makes one call of the scope’s API', async () => {
    const report = await runDoctor({ env: await ingoAt() });
    expect(report.checks.map((each) => [each.name, each.status])).toEqual([
      ['ingo token', 'ok'],
      ['ingo clock', 'ok'],
      ['ingo api', 'ok'],
    ]);
    expect(line(report, 'ingo token')?.message).toContain('lifetime 3600 s');
  });

  it('tells which authentication method to set when the configured one is refused', async () => {
    const env = { ...(await ingoAt('basic')), INGO_AUTH_METHOD: 'basic' };
    const report = await runDoctor({ env });
    expect(report.ok).toBe(false);
    expect(line(report, 'ingo token')).toMatchObject({ status: 'fail', fix: 'set INGO_AUTH_METHOD=body' });
    const body = await runDoctor({ env: { ...env, INGO_AUTH_METHOD: 'body' } });
    expect(body.ok).toBe(true);
  });

  it('fails a wrong client secret with both methods tried, and never prints it', async () => {
    const env = { ...(await ingoAt()), INGO_CLIENT_SECRET: 'wrong secret value' };
    const report = await runDoctor({ env });
    expect(line(report, 'ingo token')).toMatchObject({ status: 'fail' });
    expect(line(report, 'ingo token')?.message).toContain('both authentication methods');
    expect(JSON.stringify(report)).not.toContain('wrong secret value');
  });
});
