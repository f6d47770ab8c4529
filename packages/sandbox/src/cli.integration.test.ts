import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import { createIntendSigner } from '@bridgekit/intend-signer';
import { afterEach, describe, expect, it } from 'vitest';

const cli = new URL('../dist/cli.js', import.meta.url).pathname;
const children: ChildProcess[] = [];

afterEach(() => {
  for (const child of children.splice(0)) if (child.exitCode === null) child.kill('SIGKILL');
});

function start(args: string[]) {
  const child = spawn(process.execPath, [cli, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  children.push(child);
  return child;
}

async function run(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const child = start(args);
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (chunk) => (stdout += chunk));
  child.stderr?.on('data', (chunk) => (stderr += chunk));
  const [code] = (await once(child, 'exit')) as [number | null];
  return { code, stdout, stderr };
}

describe('bridgekit-sandbox', () => {
  it('starts both sandboxes, prints one JSON line, answers signed requests, and stops with 0 on SIGTERM', async () => {
    const child = start(['--json', '--clients', '7', '--page-size', '5']);
    const [line] = (await once(
      createInterface({ input: child.stdout as NodeJS.ReadableStream }),
      'line',
    )) as [string];
    const { intend, ingo } = JSON.parse(line) as {
      intend: { url: string; apiKey: string; secretKey: string };
      ingo: { url: string; tokenUrl: string; clientId: string; clientSecret: string; scopes: string[] };
    };
    expect(intend.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const url = `${intend.url}/api/clients?page=2`;
    const headers = await createIntendSigner({ apiKey: intend.apiKey, secretKey: intend.secretKey }).sign({
      method: 'GET',
      url,
    });
    const page = (await (await fetch(url, { headers })).json()) as { data: { id: number }[] };
    expect(page.data.map((client) => client.id)).toEqual([6, 7]);
    const token = await fetch(ingo.tokenUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        grant_type: 'client_credentials',
        client_id: ingo.clientId,
        client_secret: ingo.clientSecret,
        scope: ingo.scopes[0] ?? '',
      }),
    });
    expect(token.status).toBe(200);
    child.kill('SIGTERM');
    const [code] = (await once(child, 'exit')) as [number | null];
    expect(code).toBe(0);
  });

  it('--help lists every flag; a wrong flag exits 2 naming the closest one', async () => {
    const help = await run(['--help']);
    expect(help.code).toBe(0);
    for (const flag of [
      '--intend-port',
      '--ingo-port',
      '--clients',
      '--page-size',
      '--latency',
      '--seed',
      '--json',
    ]) {
      expect(help.stdout).toContain(flag);
    }
    const wrong = await run(['--page-sise', '20']);
    expect(wrong.code).toBe(2);
    expect(wrong.stderr).toContain('did you mean --page-size?');
    const bad = await run(['--clients', 'many']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--clients takes a whole number');
  });
});
