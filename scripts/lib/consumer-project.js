// Empty projects that use the packages as a user would: installed with plain npm (from the packed
// tarballs or from a registry), run on Node 24 and 22, type-checked with the repository's tsc.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { root } from '../workspace-packages.js';
import { run } from './processes.js';

// The binaries themselves, not node_modules/.bin's launcher scripts, which run Node as a child.
export const node24 = join(root, 'node_modules', 'node', 'bin', 'node');
export const node22 = join(root, 'node_modules', 'node-22', 'bin', 'node');
const tsc = join(root, 'node_modules', 'typescript', 'bin', 'tsc');

/** Creates `directory` with an ESM package.json and the given files (`{name: content}`). */
export function createProject(directory, files = {}) {
  mkdirSync(directory, { recursive: true });
  const manifest = { name: 'consumer', version: '0.0.0', private: true, type: 'module' };
  writeFileSync(join(directory, 'package.json'), `${JSON.stringify(manifest, null, 2)}\n`);
  for (const [name, content] of Object.entries(files)) writeFileSync(join(directory, name), content);
}

/** `npm install` of the given specs (names, tarball paths) into the project. */
export function npmInstall(directory, specs, env = process.env) {
  run('npm', ['install', '--no-audit', '--no-fund', '--loglevel=error', ...specs], { cwd: directory, env });
}

/** What npm installed: `[{name, path, version, resolved, link}]`, from node_modules/.package-lock.json. */
export function installedPackages(directory) {
  const lock = JSON.parse(readFileSync(join(directory, 'node_modules', '.package-lock.json'), 'utf8'));
  return Object.entries(lock.packages)
    .filter(([path]) => path.startsWith('node_modules/'))
    .map(([path, entry]) => ({
      name: path.slice(path.lastIndexOf('node_modules/') + 'node_modules/'.length),
      path,
      version: entry.version,
      resolved: entry.resolved,
      link: entry.link === true,
    }));
}

/** The strict settings the checks compile with: a user's strictest project, no lib check skipped. */
export const strictCompilerOptions = {
  target: 'es2023',
  lib: ['es2023', 'dom', 'dom.iterable'],
  types: [],
  strict: true,
  exactOptionalPropertyTypes: true,
  noUncheckedIndexedAccess: true,
  skipLibCheck: false,
  noEmit: true,
  moduleDetection: 'force',
};

/** Writes a tsconfig of `compilerOptions` for `files`; returns the tsc job that checks it. */
export function typecheckJob(directory, name, files, compilerOptions) {
  const config = { compilerOptions: { ...strictCompilerOptions, ...compilerOptions }, files };
  writeFileSync(join(directory, `tsconfig.${name}.json`), `${JSON.stringify(config, null, 2)}\n`);
  return { command: node24, args: [tsc, '-p', `tsconfig.${name}.json`, '--pretty', 'false'], cwd: directory };
}

/** Type-checks `files` in the project with a tsconfig of `compilerOptions`; throws with tsc's output. */
export function typecheck(directory, name, files, compilerOptions) {
  const { command, args, cwd } = typecheckJob(directory, name, files, compilerOptions);
  run(command, args, { cwd, quiet: true });
}
