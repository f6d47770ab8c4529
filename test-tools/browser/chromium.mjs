// Starts Debian's chromium for a test and stops it by its process id, whatever happens. The test
// connects to it over the DevTools protocol with playwright-core (no browser download).
import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import { chromium } from 'playwright-core';

import { chromiumPath } from './ensure-chromium.mjs';

// Headless, and quiet: no GPU, no QUIC, no first-run or background traffic of its own, so that
// every request a test sees comes from the page.
const flags = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--hide-scrollbars',
  '--remote-debugging-port=0',
];

async function devToolsPort(userDataDir, child) {
  // Chromium writes the port it chose to DevToolsActivePort in its profile: no output to parse.
  const file = join(userDataDir, 'DevToolsActivePort');
  for (let attempt = 0; attempt < 200; attempt += 1) {
    if (child.exitCode !== null) throw new Error(`chromium exited with code ${child.exitCode}`);
    const text = await readFile(file, 'utf8').catch(() => '');
    const [port, path] = text.split('\n');
    if (port && path) return `ws://127.0.0.1:${port}${path}`;
    await delay(50);
  }
  throw new Error('chromium did not open its DevTools port within 10 s');
}

/**
Starts chromium with a fresh profile and connects to it. `close()` closes the connection, then
kills the browser's process group by its id and removes the profile, also after a failure.
*/
export async function launchChromium() {
  const userDataDir = await mkdtemp(join(tmpdir(), 'bridgekit-chromium-'));
  const child = spawn(chromiumPath, [...flags, `--user-data-dir=${userDataDir}`, 'about:blank'], {
    stdio: 'ignore',
    detached: true,
  });
  const kill = () => {
    try {
      process.kill(-child.pid, 'SIGKILL');
    } catch {
      // Already gone.
    }
  };
  process.once('exit', kill);
  const close = async (browser) => {
    await browser?.close().catch(() => undefined);
    kill();
    process.removeListener('exit', kill);
    if (child.exitCode === null && child.signalCode === null)
      await new Promise((done) => child.once('exit', done));
    await rm(userDataDir, { recursive: true, force: true });
  };
  try {
    const browser = await chromium.connectOverCDP(await devToolsPort(userDataDir, child));
    return { browser, pid: child.pid, close: () => close(browser) };
  } catch (error) {
    await close(undefined);
    throw error;
  }
}
