// Makes sure Debian's chromium is installed before the browser tests run: installs it with
// apt-get when it is missing and this is root, otherwise says exactly what to install and fails.
// Run directly (`node test-tools/browser/ensure-chromium.mjs`) or import `chromiumPath`.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { pathToFileURL } from 'node:url';

export const chromiumPath = '/usr/bin/chromium';

export function ensureChromium() {
  if (existsSync(chromiumPath)) return;
  if (process.getuid?.() !== 0) {
    console.error(
      `The browser test needs Debian's chromium at ${chromiumPath}. Install it, then run the tests again:\n` +
        '  sudo apt-get update && sudo apt-get install -y chromium',
    );
    process.exit(1);
  }
  const install = 'apt-get update && apt-get install -y chromium';
  console.error(`chromium is missing; installing it: ${install}`);
  const result = spawnSync('sh', ['-c', install], {
    stdio: 'inherit',
    env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
  });
  if (result.status !== 0 || !existsSync(chromiumPath)) {
    console.error(`Installing chromium failed (exit code ${result.status}). Install it yourself: ${install}`);
    process.exit(1);
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) ensureChromium();
