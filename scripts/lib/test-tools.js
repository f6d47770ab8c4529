// The heavy test-only tools (Verdaccio, Bun, Deno, workerd, ...) live in test-tools/, a plain npm
// project outside the pnpm workspace, so that `pnpm install` before `pnpm demo` never downloads
// them. The checks that need them install it with `npm ci` once, when node_modules is not what
// package-lock.json says.
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { root } from '../workspace-packages.js';
import { run } from './processes.js';

export const testTools = join(root, 'test-tools');

const readPackages = (path) => JSON.parse(readFileSync(path, 'utf8')).packages;

function installedAsLocked() {
  const hidden = join(testTools, 'node_modules', '.package-lock.json');
  if (!existsSync(hidden)) return false;
  const locked = readPackages(join(testTools, 'package-lock.json'));
  const installed = readPackages(hidden);
  const sameVersion = ([path, entry]) => path === '' || locked[path]?.version === entry.version;
  // Optional packages for other platforms (esbuild's, workerd's) are locked but never installed.
  const present = ([path, entry]) =>
    path === '' || entry.optional || installed[path]?.version === entry.version;
  return Object.entries(installed).every(sameVersion) && Object.entries(locked).every(present);
}

/** Installs test-tools/ with `npm ci` unless it is installed as locked already. */
export function ensureTestTools() {
  if (installedAsLocked()) return;
  console.log('Installing test-tools/ with npm ci...');
  run('npm', ['ci', '--prefix', testTools, '--no-audit', '--no-fund', '--loglevel=error'], { cwd: root });
}

/** The path of a binary that a test-tools package installs. */
export const toolBin = (name) => join(testTools, 'node_modules', '.bin', name);

/** Resolves a module from test-tools/ (for `import()`). */
export const resolveTool = (specifier) => createRequire(join(testTools, 'package.json')).resolve(specifier);
