// Runs every package's unit tests (not the loopback integration tests) on Node 22, the declared
// `engines` floor, using the Node 22 binary that the `node-22` devDependency installs.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { root, workspacePackages } from './workspace-packages.js';

const node22 = join(root, 'node_modules', 'node-22', 'bin', 'node');
if (!existsSync(node22)) {
  console.error(`Node 22 is not installed at ${node22}: run \`pnpm install\` first.`);
  process.exit(1);
}
const version = spawnSync(node22, ['--version'], { encoding: 'utf8' }).stdout.trim();
if (!version.startsWith('v22.')) {
  console.error(`Expected Node 22 at ${node22}, found ${version || 'nothing'}.`);
  process.exit(1);
}
const vitest = join(root, 'node_modules', 'vitest', 'vitest.mjs');
let failed = 0;
for (const { directory, manifest } of workspacePackages()) {
  if (!manifest.scripts?.test) continue;
  console.log(`\n[node ${version}] ${manifest.name}: unit tests`);
  const result = spawnSync(node22, [vitest, 'run'], {
    cwd: directory,
    stdio: 'inherit',
    env: { ...process.env, BRIDGEKIT_UNIT_ONLY: '1' },
  });
  if (result.status !== 0) failed += 1;
}
if (failed > 0) {
  console.error(`\n${failed} package(s) failed their unit tests on Node ${version}.`);
  process.exit(1);
}
