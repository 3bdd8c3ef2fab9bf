import { defineProject } from 'vitest/config';
import { sourceResolution } from '../../vitest.shared.js';

export default defineProject({
  ...sourceResolution,
  test: {
    name: 'browser-tests',
    include: ['src/**/*.test.ts'],
    // Before any test: chromium is there, or installed (as root, with apt-get), or the run
    // stops at once with the command to run (src/ensure-chromium.ts).
    globalSetup: ['src/chromium-global-setup.ts'],
    // Launching chromium takes a second or two on a cold machine; the pages themselves render in milliseconds.
    testTimeout: 30_000,
    hookTimeout: 30_000,
  },
});
