import { createRequire } from 'node:module';
import type { PackageVersion } from './report-model.js';

const require = createRequire(import.meta.url);

interface Manifest {
  readonly name: string;
  readonly version: string;
  readonly dependencies?: Readonly<Record<string, string>>;
}

/**
The demo's version and that of each bridgekit package it uses, read from their `package.json`
(every bridgekit package exports it), so a report says exactly what made it.
*/
export function packageVersions(): PackageVersion[] {
  const demo = require('../package.json') as Manifest;
  const names = Object.keys(demo.dependencies ?? {}).filter((name) => name.startsWith('@bridgekit/'));
  return [
    { name: demo.name, version: demo.version },
    ...names.sort().map((name) => {
      const manifest = require(`${name}/package.json`) as Manifest;
      return { name: manifest.name, version: manifest.version };
    }),
  ];
}
