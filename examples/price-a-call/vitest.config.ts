import { defineProject } from 'vitest/config';

export default defineProject({
  resolve: { conditions: ['@bursar/source'] },
  test: { name: 'example-price-a-call', include: ['src/**/*.test.ts'] },
});
