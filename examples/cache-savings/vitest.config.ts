import { defineProject } from 'vitest/config';
import { sourceResolution } from '../../vitest.shared.js';

export default defineProject({
  ...sourceResolution,
  test: { name: 'example-cache-savings', include: ['src/**/*.test.ts'] },
});
