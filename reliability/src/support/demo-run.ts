import { spawn } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** What one run of the demo app printed and wrote. */
export interface DemoRun {
  readonly exitCode: number | null;
  readonly stdout: string;
  readonly stderr: string;
  /** Every file it wrote to its `--out` folder. */
  readonly files: ReadonlyArray<{ readonly name: string; readonly text: string }>;
}

const demoMain = createRequire(import.meta.url).resolve('@bridgekit/demo/dist/main.js');

/**
Runs the built demo app (`apps/demo/dist/main.js`) on this Node, in live mode against `env`'s
endpoints, in an empty temporary folder, and returns its output and report files. Killed (by its
own handle) after `deadlineMs`.
*/
export async function runDemo(
  env: Readonly<Record<string, string>>,
  args: readonly string[],
  deadlineMs = 30_000,
): Promise<DemoRun> {
  const folder = await mkdtemp(join(tmpdir(), 'bridgekit-reliability-'));
  const out = join(folder, 'out');
  const inherited = Object.fromEntries(
    Object.entries(process.env).filter(([name]) => !/^(INTEND|INGO)_/.test(name)),
  );
  try {
    const child = spawn(process.execPath, [demoMain, ...args, '--out', out], {
      cwd: folder,
      env: { ...inherited, ...env, INIT_CWD: folder, NO_COLOR: '1', FORCE_COLOR: '0' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
    });
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    const killer = setTimeout(() => child.kill('SIGKILL'), deadlineMs);
    const exitCode = await new Promise<number | null>((resolve) =>
      child.on('close', (code) => resolve(code)),
    );
    clearTimeout(killer);
    const names = await readdir(out).catch(() => [] as string[]);
    const files = await Promise.all(
      names.map(async (name) => ({ name, text: await readFile(join(out, name), 'utf8') })),
    );
    return { exitCode, stdout, stderr, files };
  } finally {
    await rm(folder, { recursive: true, force: true });
  }
}
