import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { DoctorReport } from './doctor.js';
import { ingoAt, ingoCredentials, intendAt, intendCredentials, stopAll } from './testing/services.js';

const bin = new URL('../dist/bin.js', import.meta.url).pathname;
const folders: string[] = [];

afterEach(async () => {
  await stopAll();
  for (const folder of folders.splice(0)) rmSync(folder, { recursive: true, force: true });
});

/** Runs `bridgekit` in an empty folder with only `env` (and PATH) in its environment. */
async function bridgekit(args: string[], env: Record<string, string> = {}, dotEnv?: string) {
  const cwd = mkdtempSync(join(tmpdir(), 'bridgekit-doctor-'));
  folders.push(cwd);
  if (dotEnv !== undefined) writeFileSync(join(cwd, '.env'), dotEnv);
  const child = spawn(process.execPath, [bin, ...args], {
    cwd,
    env: { PATH: process.env['PATH'] ?? '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk) => (stdout += chunk));
  child.stderr.on('data', (chunk) => (stderr += chunk));
  const [code] = (await once(child, 'exit')) as [number | null];
  return { code, stdout, stderr };
}

describe('bridgekit (the command)', () => {
  it('exits 2 with nothing configured and says what to set', async () => {
    const { code, stderr } = await bridgekit(['doctor']);
    expect(code).toBe(2);
    expect(stderr).toContain('INTEND_BASE_URL');
    expect(stderr).toContain('REDIS_URL');
  });

  it('exits 2 on a wrong flag or command, naming the closest', async () => {
    const flag = await bridgekit(['doctor', '--jsn']);
    expect(flag.code).toBe(2);
    expect(flag.stderr).toContain('did you mean --json?');
    const command = await bridgekit(['docter']);
    expect(command.code).toBe(2);
    expect(command.stderr).toContain('did you mean doctor?');
  });

  it('prints one JSON object with --json, exits 0, and never a secret; reads ./.env under the environment', async () => {
    const intend = await intendAt();
    const ingo = await ingoAt();
    const dotEnv = Object.entries(intend)
      .map(([name, value]) => `${name}=${value}`)
      .join('\n');
    const { code, stdout } = await bridgekit(['doctor', '--json'], ingo, dotEnv);
    expect(code).toBe(0);
    const report = JSON.parse(stdout) as DoctorReport;
    expect(report.ok).toBe(true);
    expect(report.checks.map((line) => line.name)).toEqual([
      'intend reach',
      'intend signature',
      'intend clock',
      'ingo token',
      'ingo clock',
      'ingo api',
    ]);
    expect(stdout).not.toContain(intendCredentials.secretKey);
    expect(stdout).not.toContain(ingoCredentials.clientSecret);
  });

  it('exits 1 when a check fails, with the fix under its line', async () => {
    const env = { ...(await intendAt()), INTEND_SECRET_KEY: 'not-the-secret-key-0123456789' };
    const { code, stdout } = await bridgekit(['doctor'], env);
    expect(code).toBe(1);
    expect(stdout).toMatch(/^fail {2}intend signature {2}all 16 signatures/m);
    expect(stdout).toMatch(/^ +fix: check INTEND_API_KEY and INTEND_SECRET_KEY/m);
    expect(stdout).not.toContain('not-the-secret-key');
  });
});
