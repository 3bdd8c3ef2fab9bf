import { defineProject } from 'vitest/config';
import { sourceResolution } from '../../vitest.shared.js';

export default defineProject({
  ...sourceResolution,
  test: { name: 'example-compare-single-vs-multi', include: ['src/**/*.test.ts'] },
});
