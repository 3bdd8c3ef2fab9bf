import { defineProject } from 'vitest/config';
import { sourceResolution } from '../../vitest.shared.js';

export default defineProject({
  ...sourceResolution,
  test: {
    name: 'client-tests',
    include: ['src/**/*.test.ts'],
    // Claude Code starts a child process (its own binary) per conversation: seconds, not
    // milliseconds, on a cold 2-core machine. Nothing here waits on the wall clock for its
    // result: the simulator's clock is virtual and its latency zero.
    testTimeout: 120_000,
    hookTimeout: 30_000,
  },
});
