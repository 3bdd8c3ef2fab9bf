import { defineProject } from 'vitest/config';

export default defineProject({
  resolve: { conditions: ['@bursar/source'] },
  test: {
    name: 'simulator',
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
  },
});
