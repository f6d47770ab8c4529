// Packs every public workspace package exactly as `pnpm publish` would (workspace: ranges
// replaced, `files` applied), for the checks that use the packages as a user receives them.
import { mkdirSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { workspacePackages } from '../workspace-packages.js';
import { run } from './processes.js';

/** Packs each public package into `destination`; returns `[{name, version, directory, manifest, tarball}]`. */
export function packPublicPackages(destination) {
  mkdirSync(destination, { recursive: true });
  const packed = [];
  for (const { directory, manifest } of workspacePackages()) {
    if (manifest.private) continue;
    const before = new Set(readdirSync(destination));
    run('pnpm', ['pack', '--pack-destination', destination], { cwd: directory, quiet: true });
    const tarball = readdirSync(destination).find((file) => !before.has(file));
    if (!tarball) throw new Error(`pnpm pack wrote no tarball for ${manifest.name}`);
    const { name, version } = manifest;
    packed.push({ name, version, directory, manifest, tarball: join(destination, tarball) });
  }
  return packed;
}
