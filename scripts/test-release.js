// pnpm test:release: the documented release flow, proven through a real registry. Starts a
// throwaway Verdaccio, releases a fresh clone to it with the README's commands (`pnpm
// version-packages`, then `pnpm release`), checks what the registry holds and what the tarballs
// ship, installs single packages with plain npm into empty projects and uses them from ESM,
// CommonJS and TypeScript, then releases a minor of @bridgekit/errors and checks the dependents.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createProject, node22, node24, npmInstall, typecheck } from './lib/consumer-project.js';
import { run } from './lib/processes.js';
import { sandboxFixture } from './lib/sandbox-fixture.mjs';
import { startSandboxes } from './lib/sandboxes.js';
import { inspectTarball, reportTarballs } from './lib/tarball-report.js';
import { ensureTestTools } from './lib/test-tools.js';
import { startVerdaccio } from './lib/verdaccio.js';
import {
  expectedInstall,
  installProblems,
  publishedManifests,
  registryGet,
  registryProblems,
  upgradeProblems,
} from './release/registry-checks.js';
import { root, workspacePackages } from './workspace-packages.js';

const scope = '@bridgekit';
const consumerPackages = ['@bridgekit/ingo-auth', '@bridgekit/intend-client'];
const started = Date.now();
const step = (what) => console.log(`\n[${Math.round((Date.now() - started) / 1000)} s] ${what}`);
const source = (name) => readFileSync(join(root, 'scripts', name), 'utf8');

/** npm and pnpm read the scope's registry and the token from a throwaway user config. */
function registryEnvironment(work, { url, token }) {
  const userconfig = join(work, 'npmrc');
  const lines = [`${scope}:registry=${url}`, `${url.replace(/^http:/, '')}:_authToken=${token}`];
  writeFileSync(
    userconfig,
    `${[...lines, 'fund=false', 'audit=false', 'update-notifier=false'].join('\n')}\n`,
  );
  // The settings pnpm gives this script must not leak into the clone's own pnpm and npm runs.
  const inherited = Object.entries(process.env).filter(
    ([key]) => !/^(npm|pnpm)_(config|package|lifecycle)_/i.test(key),
  );
  return {
    ...Object.fromEntries(inherited),
    NPM_CONFIG_USERCONFIG: userconfig,
    TURBO_TELEMETRY_DISABLED: '1',
  };
}

/** The README's commands, word for word; their output is shown only when one fails. */
async function release(clone, env, registry) {
  run('pnpm', ['version-packages'], { cwd: clone, env, quiet: true });
  run('pnpm', ['release'], { cwd: clone, env, quiet: true });
  const manifests = await publishedManifests(registry.url, scope);
  console.log(
    `The registry's latest: ${[...manifests.values()].map((manifest) => `${manifest.name}@${manifest.version}`).join(', ')}`,
  );
  return manifests;
}

async function tarballProblems(work, manifests) {
  const directory = join(work, 'tarballs');
  mkdirSync(directory);
  const reports = [];
  for (const manifest of manifests.values()) {
    const response = await registryGet(manifest.dist.tarball);
    const path = join(directory, `${manifest.name.replace('/', '-')}-${manifest.version}.tgz`);
    writeFileSync(path, Buffer.from(await response.arrayBuffer()));
    reports.push(inspectTarball(path));
  }
  return reportTarballs(reports);
}

function consumerProject(directory) {
  createProject(directory, {
    'consumer.mjs': source('release/consumer.mjs'),
    'consumer.cjs': source('release/consumer.cjs'),
    'usage-checks.mjs': source('usage/usage-checks.mjs'),
  });
}

/** One package alone, installed with plain npm, used from ESM, CommonJS and TypeScript. */
function consumerRound(name, { work, env, registry, manifests, check }) {
  const short = name.split('/')[1];
  const directory = join(work, `consumer-${short}`);
  consumerProject(directory);
  writeFileSync(join(directory, 'consumer.ts'), source(`release/consumer-${short}.ts`));
  npmInstall(directory, [name], env);
  const problems = installProblems(directory, expectedInstall(name, manifests), registry.url, manifests);
  run(node24, ['consumer.mjs', name, check], { cwd: directory, env });
  for (const node of [node24, node22]) run(node, ['consumer.cjs', name, check], { cwd: directory, env });
  typecheck(directory, 'nodenext', ['consumer.ts'], { module: 'nodenext', moduleResolution: 'nodenext' });
  typecheck(directory, 'bundler', ['consumer.ts'], { module: 'esnext', moduleResolution: 'bundler' });
  console.log(`TypeScript consumer of ${name} type-checks with moduleResolution nodenext and bundler`);
  return problems.map((problem) => `npm install ${name}: ${problem}`);
}

/** A minor changeset for errors, released: the dependents follow, and a fresh install agrees. */
async function upgradeRound({ clone, env, registry, manifests: before, check, work }) {
  const changeset = "---\n'@bridgekit/errors': minor\n---\n\nThe release check's upgrade round.\n";
  writeFileSync(join(clone, '.changeset', 'release-check-errors-minor.md'), changeset);
  const after = await release(clone, env, registry);
  const problems = upgradeProblems(before, after, '@bridgekit/errors');
  problems.push(...(await registryProblems(registry.url, workspacePackages(clone), after)));
  const directory = join(work, 'consumer-upgraded');
  consumerProject(directory);
  npmInstall(directory, consumerPackages, env);
  const expected = [...new Set(consumerPackages.flatMap((name) => expectedInstall(name, after)))].sort();
  problems.push(...installProblems(directory, expected, registry.url, after));
  run('npm', ['ls', '--all'], { cwd: directory, env, quiet: true });
  for (const name of consumerPackages) run(node24, ['consumer.mjs', name, check], { cwd: directory, env });
  return problems.map((problem) => `upgrade: ${problem}`);
}

async function releaseCheck(work, registry) {
  const env = registryEnvironment(work, registry);
  const clone = join(work, 'clone');
  step(`Cloning ${root} and installing it`);
  run('git', ['clone', '--quiet', root, clone]);
  run('pnpm', ['install', '--frozen-lockfile', '--prefer-offline'], { cwd: clone, env, quiet: true });
  step(`pnpm version-packages && pnpm release, to ${registry.url}`);
  const manifests = await release(clone, env, registry);
  const problems = await registryProblems(registry.url, workspacePackages(clone), manifests);
  problems.push(...(await tarballProblems(work, manifests)));
  const sandboxes = await startSandboxes(join(clone, 'packages', 'sandbox'));
  try {
    const context = {
      work,
      env,
      registry,
      manifests,
      check: JSON.stringify({ ...sandboxes.urls, ...sandboxFixture }),
    };
    for (const name of consumerPackages) {
      step(`npm install ${name} alone, then ESM, CommonJS and TypeScript consumers`);
      problems.push(...consumerRound(name, context));
    }
    step('Upgrade: a minor changeset for @bridgekit/errors, versioned and released');
    problems.push(...(await upgradeRound({ ...context, clone })));
  } finally {
    await sandboxes.stop();
  }
  return problems;
}

ensureTestTools();
const work = mkdtempSync(join(tmpdir(), 'bridgekit-release-'));
let problems;
try {
  step('Starting Verdaccio');
  const registry = await startVerdaccio(join(work, 'registry'));
  try {
    problems = await releaseCheck(work, registry);
  } finally {
    await registry.stop();
  }
} finally {
  rmSync(work, { recursive: true, force: true });
}
if (problems.length > 0) {
  console.error(`\nThe release check found ${problems.length} problem(s):\n- ${problems.join('\n- ')}`);
  process.exit(1);
}
step('The release check passed.');
