// The runtime step: the packed packages, installed with npm into an empty project, used on Node,
// Bun, Deno and workerd (through Miniflare) against sandboxes served from Node. Each runtime signs
// and verifies every shipped test vector, lists every Intend sandbox client, gets Ingo tokens with
// both client authentication methods and calls identityScore; the results must equal Node's, and
// each must have picked the right intend-signer entry: node:crypto where the `node` condition
// applies (Node, Bun, Deno), Web Crypto on workerd.
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
  const { entry, result } = JSON.parse(lines.at(-1));
  return { entry: entry.slice(entry.indexOf(signerDist)), result, ms: Date.now() - started };
}

/** Bundles the worker for workerd and runs it in Miniflare; the entry is read from esbuild's metafile. */
async function runWorker(project, config) {
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
    host: '127.0.0.1',
  });
  try {
    const response = await miniflare.dispatchFetch('http://worker.test/', { method: 'POST', body: config });
    const text = await response.text();
    if (!response.ok) throw new Error(`the worker answered ${response.status}:\n${text}`);
    const entry = entries[0];
    return {
      entry: entry.slice(entry.indexOf(signerDist)),
      result: JSON.parse(text).result,
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
    ['workerd', toolBin('workerd'), webCryptoEntry, () => runWorker(project, config)],
  ];
  const outcomes = [];
  for (const [runtime, binary, expectedEntry, start] of runs)
    outcomes.push({
      runtime: `${runtime} ${versionOf(binary).replace(/^\D+/, '').split(' ')[0]}`,
      expectedEntry,
      ...(await start()),
    });
  return outcomes;
}

function report(outcomes) {
  const reference = JSON.stringify(outcomes[0].result);
  const problems = [];
  console.log(
    `\n${'runtime'.padEnd(22)}${'intend-signer entry'.padEnd(46)}vectors  clients  Ingo tokens  time`,
  );
  for (const { runtime, expectedEntry, entry, result, ms } of outcomes) {
    const clients = result.intendClient.pages.reduce((sum, count) => sum + count, 0);
    const cells = [
      runtime.padEnd(20),
      entry.padEnd(44),
      String(result.signer.vectors).padEnd(7),
      String(clients).padEnd(7),
      result.ingoAuth.authMethods.join(', ').padEnd(11),
    ];
    console.log(`${cells.join('  ')}  ${(ms / 1000).toFixed(1)} s`);
    if (entry !== expectedEntry) problems.push(`${runtime} resolved ${entry} instead of ${expectedEntry}`);
    if (JSON.stringify(result) !== reference) problems.push(`${runtime}'s results differ from Node's`);
  }
  return problems;
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
