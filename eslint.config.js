// @ts-check
import eslint from '@eslint/js';
import tseslint from 'typescript-eslint';

// Package boundaries (docs/architecture.md): core imports no provider SDK and no
// adapter; the simulator sees core only through its pricing subpath.
const coreBoundary = {
  paths: [
    {
      name: '@anthropic-ai/sdk',
      message: 'core knows no provider SDK; put it in @bursar/anthropic.',
    },
    { name: '@bursar/anthropic', message: 'core must not import an adapter.' },
    { name: '@bursar/simulator', message: 'core must not import the simulator.' },
  ],
  patterns: [{ regex: '^@anthropic-ai/', message: 'core knows no provider SDK.' }],
};
const simulatorBoundary = {
  paths: [
    { name: '@bursar/core', message: 'the simulator imports only @bursar/core/pricing.' },
    { name: 'xstate', message: 'the simulator knows no orchestrator.' },
    { name: 'p-queue', message: 'the simulator knows no orchestrator.' },
    { name: '@bursar/anthropic', message: 'the simulator must not import the adapter.' },
  ],
  patterns: [
    {
      regex: '^@bursar/core/(?!pricing$)',
      message: 'the simulator imports only @bursar/core/pricing.',
    },
  ],
};
// The adapter builds on core and the official SDK; only its tests may start the simulator.
const anthropicBoundary = {
  paths: [
    {
      name: '@bursar/simulator',
      message: 'the adapter must not import the simulator (its tests may).',
    },
  ],
};
// The pricing subpath ships to the simulator: it must pull in no runtime dependency.
const pricingBoundary = {
  ...coreBoundary,
  paths: [
    ...coreBoundary.paths,
    { name: 'xstate', message: 'pricing has no runtime dependencies.' },
    { name: 'p-queue', message: 'pricing has no runtime dependencies.' },
    { name: 'zod', message: 'pricing has no runtime dependencies.' },
    { name: 'nanoid', message: 'pricing has no runtime dependencies.' },
  ],
};
// The provider spec (@bursar/core/spec: the model folder and its entry) is what
// adapters build on: no runtime dependency, and nothing of the governor or the loop.
const runtimeDependencies = ['xstate', 'p-queue', 'zod', 'nanoid'];
const specBoundary = {
  paths: [
    ...coreBoundary.paths,
    ...runtimeDependencies.map((name) => ({
      name,
      message: 'the provider spec has no runtime dependencies.',
    })),
  ],
  patterns: [
    ...coreBoundary.patterns,
    {
      regex: '^\\.\\./(agent|batch|budget|context|orchestrator|report|testing)(/|$)',
      message: 'the provider spec must not import the governor, the agent loop or their state.',
    },
    { regex: '^@bursar/core(/|$)', message: 'the spec is inside core: import it relatively.' },
  ],
};

export default tseslint.config(
  { ignores: ['**/dist/**', '**/coverage/**', '**/node_modules/**'] },
  eslint.configs.recommended,
  ...tseslint.configs.strictTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/switch-exhaustiveness-check': 'error',
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/restrict-template-expressions': ['error', { allowNumber: true }],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      'no-restricted-syntax': [
        'error',
        { selector: 'CallExpression[callee.property.name="only"]', message: 'No focused tests.' },
      ],
    },
  },
  { files: ['packages/core/**/*.ts'], rules: { 'no-restricted-imports': ['error', coreBoundary] } },
  {
    files: ['packages/core/src/{pricing,money,usage,errors}/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', pricingBoundary] },
  },
  {
    files: ['packages/core/src/{spec,model}/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', specBoundary] },
  },
  {
    files: ['packages/simulator/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', simulatorBoundary] },
  },
  {
    files: ['packages/anthropic/src/**/*.ts'],
    ignores: ['**/*.test.ts', '**/*.test-helper.ts'],
    rules: { 'no-restricted-imports': ['error', anthropicBoundary] },
  },
  {
    files: ['**/*.test.ts', '**/test/**/*.ts'],
    rules: {
      // Tests poke at bad input on purpose.
      '@typescript-eslint/no-unsafe-argument': 'off',
      // expect.any / expect.stringContaining are typed any.
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unnecessary-condition': 'off',
    },
  },
  { files: ['**/*.js'], ...tseslint.configs.disableTypeChecked },
);
