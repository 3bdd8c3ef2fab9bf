import { defineProject } from 'vitest/config';
import { sourceResolution } from '../../vitest.shared.js';

export default defineProject({
  ...sourceResolution,
  test: {
    name: 'example-readme-check',
    include: ['src/**/*.test.ts'],
    // Each snippet runs in a Node process of its own, and tsc checks them all: seconds, not milliseconds.
    testTimeout: 120_000,
    hookTimeout: 120_000,
  },
});
