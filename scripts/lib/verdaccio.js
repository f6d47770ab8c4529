// A throwaway Verdaccio registry on 127.0.0.1 for the release check. It has no uplinks at all: it
// serves only what is published to it. Consumers read @bridgekit/* from it through a scoped
// registry setting and everything else (ky, hono, ...) from npm's own registry and cache, as a
// user's project would; no @bridgekit name can ever come from anywhere else.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { node24 } from './consumer-project.js';
import { freePort, startProcess } from './processes.js';
import { resolveTool } from './test-tools.js';

const config = `storage: ./storage
auth:
  htpasswd:
    file: ./htpasswd
    max_users: 10
uplinks: {}
packages:
  '**':
    access: $all
    publish: $authenticated
    unpublish: $authenticated
web:
  enable: false
log: { type: stdout, format: pretty, level: warn }
`;

async function addUser(url) {
  const name = 'release-check';
  const response = await fetch(`${url}-/user/org.couchdb.user:${name}`, {
    method: 'PUT',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ name, password: 'release-check-password' }),
  });
  if (!response.ok)
    throw new Error(`Verdaccio refused to add a user: ${response.status} ${await response.text()}`);
  return (await response.json()).token;
}

/** Starts Verdaccio with its storage and config in `directory`. Resolves to `{url, token, stop}`. */
export async function startVerdaccio(directory) {
  mkdirSync(directory, { recursive: true });
  const configPath = join(directory, 'config.yaml');
  writeFileSync(configPath, config);
  const bin = join(dirname(resolveTool('verdaccio/package.json')), 'bin', 'verdaccio');
  for (let attempt = 1; ; attempt += 1) {
    const port = await freePort();
    try {
      const server = await startProcess(
        node24,
        [bin, '--config', configPath, '--listen', `127.0.0.1:${port}`],
        {
          cwd: directory,
          name: 'Verdaccio',
          ready: (output) => output.includes('http address'),
        },
      );
      const url = `http://127.0.0.1:${port}/`;
      try {
        return { url, token: await addUser(url), stop: server.stop };
      } catch (error) {
        await server.stop();
        throw error;
      }
    } catch (error) {
      // Another process may have taken the free port in between: try another.
      if (attempt === 3) throw error;
    }
  }
}
