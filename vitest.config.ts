import { defineConfig } from 'vitest/config';

// In CI a JSON report is written too, so .ci/run can print a plain
// "N passed, N failed" line.
const ci = process.env['CI'] === 'true';

export default defineConfig({
  test: {
    projects: ['packages/*', 'examples/*'],
    reporters: ci ? ['default', ['json', { outputFile: '.vitest-results.json' }]] : ['default'],
  },
});
