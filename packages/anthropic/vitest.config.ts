import { defineProject } from 'vitest/config';
import { sourceResolution } from '../../vitest.shared.js';

export default defineProject({
  ...sourceResolution,
  test: {
    name: 'anthropic',
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
  },
});
