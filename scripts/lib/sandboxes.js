// Starts sandbox-host.mjs in its own Node process and hands back its URLs; stop() ends it by pid.
import { join } from 'node:path';
import { root } from '../workspace-packages.js';
import { node24 } from './consumer-project.js';
import { startProcess } from './processes.js';

/** Serves the sandboxes from `project`'s @bridgekit/sandbox. Resolves to `{urls, stop}`. */
export async function startSandboxes(project) {
  const host = await startProcess(node24, [join(root, 'scripts', 'lib', 'sandbox-host.mjs'), project], {
    name: 'the sandbox host',
    ready: (output) => {
      const line = output.split('\n').find((text) => text.startsWith('{"intendUrl"'));
      return line && output.includes(`${line}\n`) ? JSON.parse(line) : undefined;
    },
  });
  return { urls: host.value, stop: host.stop };
}
