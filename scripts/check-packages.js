// Packs every publishable package exactly as `pnpm publish` would, then checks the tarball itself
// (not the source folder) with publint --strict and arethetypeswrong's ESM-only profile.
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { packPublicPackages } from './lib/packed-packages.js';
import { root } from './workspace-packages.js';

const destination = join(root, '.pack');
rmSync(destination, { recursive: true, force: true });
mkdirSync(destination);

const bin = (name) => join(root, 'node_modules', '.bin', name);
const run = (command, args, cwd) => spawnSync(command, args, { cwd, stdio: 'inherit' }).status === 0;

let failed = 0;
for (const { name, version, tarball } of packPublicPackages(destination)) {
  console.log(`\n${name}@${version}`);
  const publintOk = run(bin('publint'), ['run', tarball, '--strict'], root);
  const attwOk = run(bin('attw'), [tarball, '--profile', 'esm-only', '--format', 'table-flipped'], root);
  if (!publintOk || !attwOk) failed += 1;
}
// Install every tarball into an empty project with plain npm, as a user would, and use the
// packages from there on Node 24 and on the Node 22 floor.
if (failed === 0) {
  const consumer = join(destination, 'consumer');
  mkdirSync(consumer);
  writeFileSync(
    join(consumer, 'package.json'),
    '{ "name": "consumer", "private": true, "type": "module" }\n',
  );
  const tarballs = readdirSync(destination)
    .filter((file) => file.endsWith('.tgz'))
    .map((file) => join(destination, file));
  console.log(`\nInstalling ${tarballs.length} tarballs into an empty project with npm...`);
  const installed = run(
    'npm',
    ['install', '--no-audit', '--no-fund', '--loglevel=error', ...tarballs],
    consumer,
  );
  copyFileSync(join(root, 'scripts', 'consumer-smoke.mjs'), join(consumer, 'smoke.mjs'));
  const node22 = join(root, 'node_modules', 'node-22', 'bin', 'node');
  if (!installed || !run(bin('node'), ['smoke.mjs'], consumer) || !run(node22, ['smoke.mjs'], consumer))
    failed += 1;
}
rmSync(destination, { recursive: true, force: true });
if (failed > 0) {
  console.error(`\n${failed} package(s) failed the packed-tarball checks.`);
  process.exit(1);
}
console.log(
  '\nAll packed tarballs pass publint --strict and arethetypeswrong (esm-only), and install and run from npm.',
);
