// Serves an Intend and an Ingo sandbox on 127.0.0.1 (free ports) for checks that run in other
// processes and runtimes. Usage: node sandbox-host.mjs <project folder where @bridgekit/sandbox
// resolves>. Prints the URLs as one JSON line, then serves until SIGTERM or SIGINT.
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { sandboxFixture } from './sandbox-fixture.mjs';

const project = process.argv[2] ?? process.cwd();
const entry = createRequire(join(project, 'package.json')).resolve('@bridgekit/sandbox');
const { createIngoSandbox, createIntendSandbox, ingoSandboxScopes } = await import(pathToFileURL(entry).href);

const intend = await createIntendSandbox(sandboxFixture.intend).listen();
const ingo = await createIngoSandbox({
  clients: [{ ...sandboxFixture.ingo, scopes: Object.values(ingoSandboxScopes) }],
}).listen();
const close = async () => {
  await Promise.all([intend.close(), ingo.close()]);
  process.exit(0);
};
process.once('SIGTERM', close);
process.once('SIGINT', close);
console.log(JSON.stringify({ intendUrl: intend.url, ingoUrl: ingo.url, sandboxEntry: entry }));
