// Placeholder until the screening job lands: proves the workspace links and builds by printing
// the version of every bridgekit package the demo depends on.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const own = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as {
  dependencies: Record<string, string>;
};

console.log('bridgekit demo: the screening job is not built yet. Packages in this workspace:');
for (const name of Object.keys(own.dependencies).filter((dependency) =>
  dependency.startsWith('@bridgekit/'),
)) {
  const manifest = require(`${name}/package.json`) as { version: string };
  console.log(`  ${name}@${manifest.version}`);
}
