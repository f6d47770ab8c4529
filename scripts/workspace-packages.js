// Lists the workspace's packages from pnpm-workspace.yaml's globs (one level deep: `packages/*`,
// `apps/*`), in this repository or in another checkout of it (the release check's clone).
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

export const root = new URL('..', import.meta.url).pathname;

export function workspacePackages(workspaceRoot = root) {
  const globs = readFileSync(join(workspaceRoot, 'pnpm-workspace.yaml'), 'utf8')
    .split('\n')
    .map((line) => /^\s*-\s*(\S+)\/\*\s*$/.exec(line)?.[1])
    .filter(Boolean);
  const packages = [];
  for (const folder of globs) {
    const parent = join(workspaceRoot, folder);
    if (!existsSync(parent)) continue;
    for (const name of readdirSync(parent).sort()) {
      const manifestPath = join(parent, name, 'package.json');
      if (!existsSync(manifestPath)) continue;
      packages.push({
        directory: join(parent, name),
        manifest: JSON.parse(readFileSync(manifestPath, 'utf8')),
      });
    }
  }
  return packages;
}
