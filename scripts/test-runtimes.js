// The runtime step: the packed packages, installed with npm into an empty project, used on Node,
// Bun, Deno and workerd (through Miniflare) against sandboxes served from Node. Each runtime signs
// and verifies every shipped test vector, lists every Intend sandbox client, gets Ingo tokens with
// both client authentication methods and calls identityScore; the results must equal Node's, and
// each must have picked the right intend-signer entry: node:crypto where the `node` condition
// applies (Node, Bun, Deno), Web Crypto on workerd (run twice: plain, and with `nodejs_compat`).
// Where a runtime offers `node:diagnostics_channel`
// (through `process.getBuiltinModule`, as the packages look for it) its channels must hear what
// Node's hear; where it offers none, nothing is published and every check still passes.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { createProject, node24, npmInstall } from './lib/consumer-project.js';
import { packPublicPackages } from './lib/packed-packages.js';
import { run } from './lib/processes.js';
import { sandboxFixture } from './lib/sandbox-fixture.mjs';
import { startSandboxes } from './lib/sandboxes.js';
import { ensureTestTools, resolveTool, toolBin } from './lib/test-tools.js';
import { root } from './workspace-packages.js';

const signerDist = '@bridgekit/intend-signer/dist/';
const nodeEntry = `${signerDist}index.node.js`;
const webCryptoEntry = `${signerDist}index.js`;
const source = (name) => readFileSync(join(root, 'scripts', name), 'utf8');

function runScript(command, args, project) {
  const started = Date.now();
  const lines = run(command, args, { cwd: project, quiet: true }).trim().split('\n');
  const { entry, result, channels } = JSON.parse(lines.at(-1));
  return { entry: entry.slice(entry.indexOf(signerDist)), result, channels, ms: Date.now() - started };
}

/**
Bundles the worker for workerd and runs it in Miniflare, with `compatibilityFlags` (`nodejs_compat`
gives it `process` and `node:diagnostics_channel`); the entry is read from esbuild's metafile.
*/
async function runWorker(project, config, compatibilityFlags) {
  const started = Date.now();
  const flags = [
    '--bundle',
    '--format=esm',
    '--platform=neutral',
    '--conditions=workerd,worker',
    '--log-level=warning',
  ];
  run(
    toolBin('esbuild'),
    ['worker.mjs', ...flags, '--outfile=worker.bundle.mjs', '--metafile=worker.meta.json'],
    {
      cwd: project,
    },
  );
  const inputs = Object.keys(JSON.parse(readFileSync(join(project, 'worker.meta.json'), 'utf8')).inputs);
  const entries = inputs.filter(
    (input) => input.includes(signerDist) && /dist\/index(\.node)?\.js$/.test(input),
  );
  if (entries.length !== 1)
    throw new Error(`the worker bundles ${entries.length} signer entries: ${entries.join(', ')}`);
  const { Miniflare } = await import(pathToFileURL(resolveTool('miniflare')).href);
  const miniflare = new Miniflare({
    modules: true,
    scriptPath: join(project, 'worker.bundle.mjs'),
    modulesRoot: project,
    compatibilityDate: '2026-07-30',
    compatibilityFlags,
    host: '127.0.0.1',
  });
  try {
    const response = await miniflare.dispatchFetch('http://worker.test/', { method: 'POST', body: config });
    const text = await response.text();
    if (!response.ok) throw new Error(`the worker answered ${response.status}:\n${text}`);
    const entry = entries[0];
    const { result, channels } = JSON.parse(text);
    return {
      entry: entry.slice(entry.indexOf(signerDist)),
      result,
      channels,
      ms: Date.now() - started,
    };
  } finally {
    await miniflare.dispose();
  }
}

const versionOf = (binary) => run(binary, ['--version'], { quiet: true }).split('\n')[0].trim();

async function runEverywhere(project, config) {
  const deno = ['run', '--no-lock', '--node-modules-dir=manual', '--allow-net=127.0.0.1', '--no-prompt'];
  const runs = [
    ['Node', node24, nodeEntry, () => runScript(node24, ['run-checks.mjs', config], project)],
    ['Bun', toolBin('bun'), nodeEntry, () => runScript(toolBin('bun'), ['run-checks.mjs', config], project)],
    [
      'Deno',
      toolBin('deno'),
      nodeEntry,
      () => runScript(toolBin('deno'), [...deno, 'run-checks.mjs', config], project),
    ],
    ['workerd', toolBin('workerd'), webCryptoEntry, () => runWorker(project, config, [])],
    [
      'workerd nodejs_compat',
      toolBin('workerd'),
      webCryptoEntry,
      () => runWorker(project, config, ['nodejs_compat']),
    ],
  ];
  const outcomes = [];
  for (const [runtime, binary, expectedEntry, start] of runs)
    outcomes.push({
      runtime: `${runtime} ${versionOf(binary).replace(/^\D+/, '').split(' ')[0]}`,
      expectedEntry,
      // Plain workerd has no `process`: there, and only there, the packages publish nothing.
      expectsChannels: runtime !== 'workerd',
      ...(await start()),
    });
  return outcomes;
}

/**
Problems with what a runtime's channels heard: every call's start has its end, and the calls are
Node's. Errors (a listing's pages past the end, cancelled as their answers race) and attempts vary
with timing, so they are only required to be there.
*/
function channelProblems({ runtime, channels, expectsChannels }, reference) {
  if (reference === null) return ['Node published nothing on the diagnostics channels'];
  if (channels === null)
    return expectsChannels ? [`${runtime} has node:diagnostics_channel, yet nothing was published`] : [];
  const problems = [];
  for (const name of ['intend:call', 'ingo:call', 'ingo:token']) {
    const [starts, ends] = [channels[`${name} start`] ?? 0, channels[`${name} end`] ?? 0];
    if (starts === 0 || starts !== ends)
      problems.push(`${runtime}'s bridgekit:${name}: ${starts} starts, ${ends} ends`);
    if (starts !== reference[`${name} start`])
      problems.push(`${runtime}'s bridgekit:${name}: ${starts} calls, Node's ${reference[`${name} start`]}`);
  }
  if ((channels.attempt ?? 0) < (channels['intend:call start'] ?? 0))
    problems.push(`${runtime}: ${channels.attempt} bridgekit:attempt messages for more calls`);
  return problems;
}

function report(outcomes) {
  const reference = JSON.stringify(outcomes[0].result);
  const problems = [];
  console.log(
    `\n${'runtime'.padEnd(36)}${'intend-signer entry'.padEnd(46)}vectors  clients  Ingo tokens  channels  time`,
  );
  for (const outcome of outcomes) {
    const { runtime, expectedEntry, entry, result, channels, ms } = outcome;
    const clients = result.intendClient.pages.reduce((sum, count) => sum + count, 0);
    const cells = [
      runtime.padEnd(34),
      entry.padEnd(44),
      String(result.signer.vectors).padEnd(7),
      String(clients).padEnd(7),
      result.ingoAuth.authMethods.join(', ').padEnd(11),
      (channels === null ? 'none' : `${channels.attempt} attempts`).padEnd(8),
    ];
    console.log(`${cells.join('  ')}  ${(ms / 1000).toFixed(1)} s`);
    if (entry !== expectedEntry) problems.push(`${runtime} resolved ${entry} instead of ${expectedEntry}`);
    if (JSON.stringify(result) !== reference) problems.push(`${runtime}'s results differ from Node's`);
    problems.push(...channelProblems(outcome, outcomes[0].channels));
  }
  return [...new Set(problems)];
}

ensureTestTools();
const work = mkdtempSync(join(tmpdir(), 'bridgekit-runtimes-'));
let problems;
try {
  const packed = packPublicPackages(join(work, 'tarballs'));
  const project = join(work, 'project');
  createProject(project, {
    'usage-checks.mjs': source('usage/usage-checks.mjs'),
    'run-checks.mjs': source('runtimes/run-checks.mjs'),
    'worker.mjs': source('runtimes/worker.mjs'),
  });
  npmInstall(
    project,
    packed.map((entry) => entry.tarball),
  );
  const sandboxes = await startSandboxes(project);
  try {
    problems = report(await runEverywhere(project, JSON.stringify({ ...sandboxes.urls, ...sandboxFixture })));
  } finally {
    await sandboxes.stop();
  }
} finally {
  rmSync(work, { recursive: true, force: true });
}
if (problems.length > 0) {
  console.error(`\nThe runtime checks failed:\n- ${problems.join('\n- ')}`);
  process.exit(1);
}
console.log('\nNode, Bun, Deno and workerd give the same results, each with the right intend-signer entry.');
