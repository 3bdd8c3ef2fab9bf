// Vitest globalSetup of the browser tests: before any test runs, make sure
// there is a Chromium to launch (see ensureChromium).
import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { chromiumPath } from './chromium-path';
import { ensureChromium } from './ensure-chromium';

export default async function setup(): Promise<void> {
  const { executablePath, fromEnvironment } = chromiumPath(process.env);
  await ensureChromium({
    executablePath,
    fromEnvironment,
    exists: existsSync,
    isRoot: process.getuid?.() === 0,
    hasAptGet: spawnSync('sh', ['-c', 'command -v apt-get'], { stdio: 'ignore' }).status === 0,
    run: (command) =>
      new Promise((resolve, reject) => {
        // apt's output goes to stderr, so vitest's reporter does not swallow it.
        const child = spawn('sh', ['-c', command], {
          stdio: ['ignore', process.stderr, 'inherit'],
        });
        child.on('error', reject);
        child.on('close', (code) => {
          resolve(code ?? 1);
        });
      }),
    log: (line) => {
      console.error(line);
    },
  });
}
