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
// adapters build on: no runtime dependency, and (by the layers below) nothing of
// the governor or the loop.
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
    { regex: '^@bursar/core(/|$)', message: 'the spec is inside core: import it relatively.' },
  ],
};

// Layers inside packages/core/src (docs/architecture.md, "Layers"), from the ground
// up. A file may import its own folder and the folders of lower layers, never a
// higher one; folders of one layer (routing, batch) do not import each other.
// `testing` (the scripted client, the ./testing subpath) sits just above `model`
// and only tests and test helpers import it; `spec` (the ./spec subpath) is a
// barrel over the layers up to `model`. No folder imports an entry point
// (`spec`, the root `index.ts`) or the package by its own name.
const coreLayers = [
  ['errors'],
  ['money'],
  ['usage'],
  ['pricing'],
  ['tokens'],
  ['model'],
  ['testing', 'spec'],
  ['budget'],
  ['call'],
  ['context'],
  ['agent'],
  ['routing', 'batch'],
  ['report'],
  ['orchestrator'],
];
// Wrong-direction imports that stay until their code moves, each with the move
// that ends it (docs/architecture.md lists them too). Keep this short.
// Files allowed one import across the layers, with why. Empty: keep it so.
const layerExceptions = [];
const testFiles = ['**/*.test.ts', '**/*.test-d.ts', '**/*.test-helper.ts'];
const layerOf = new Map(coreLayers.flatMap((folders, rank) => folders.map((f) => [f, rank])));

/** What a file of `folder` may not import: higher layers, its layer's other folders, entries. */
function forbiddenFrom(folder, { test = false, mayImport = [] } = {}) {
  const rank = layerOf.get(folder) ?? 0;
  const below = coreLayers
    .slice(0, rank)
    .flat()
    .filter((name) => name !== 'spec' && (test || name !== 'testing'));
  return [...layerOf.keys()].filter(
    (name) => name !== folder && !below.includes(name) && !mayImport.includes(name),
  );
}

/** `no-restricted-imports` options: a package boundary plus the layer rule for `folder`. */
function layerOptions(boundary, folder, options) {
  const forbidden = forbiddenFrom(folder, options);
  const allowed = coreLayers
    .flat()
    .filter((name) => name !== folder && !forbidden.includes(name) && name !== 'spec');
  return {
    ...boundary,
    patterns: [
      ...(boundary.patterns ?? []),
      {
        regex: `^(\\.\\./)+(${forbidden.join('|')})(/|$)`,
        message:
          allowed.length === 0
            ? `layers: ${folder} is the ground and imports no other folder of core (docs/architecture.md, "Layers").`
            : `layers: ${folder} may import only ${allowed.join(', ')} (docs/architecture.md, "Layers").`,
      },
      {
        regex: '^\\.\\.(/\\.\\.)*(/index)?/?$',
        message: 'layers: no folder imports the root barrel; import the file you need.',
      },
      ...(boundary === specBoundary
        ? []
        : [{ regex: '^@bursar/core(/|$)', message: 'core imports itself relatively.' }]),
    ],
  };
}

/** The boundary each folder's files are held to before the layers. */
function boundaryOf(folder) {
  if (['pricing', 'money', 'usage', 'errors'].includes(folder)) return pricingBoundary;
  if (['spec', 'model'].includes(folder)) return specBoundary;
  return coreBoundary;
}

/** One flat-config block per folder (source, then tests), then one per exception. */
const layerConfigs = [
  ...coreLayers.flat().flatMap((folder) => [
    {
      files: [`packages/core/src/${folder}/**/*.ts`],
      ignores: testFiles,
      rules: { 'no-restricted-imports': ['error', layerOptions(boundaryOf(folder), folder)] },
    },
    {
      files: testFiles.map((glob) => `packages/core/src/${folder}/${glob}`),
      rules: {
        'no-restricted-imports': [
          'error',
          layerOptions(boundaryOf(folder), folder, { test: true }),
        ],
      },
    },
  ]),
  ...layerExceptions.map(({ file, mayImport }) => {
    const folder = file.split('/')[3] ?? '';
    const test = /\.(test|test-d|test-helper)\.ts$/.test(file);
    return {
      files: [file],
      rules: {
        'no-restricted-imports': [
          'error',
          layerOptions(boundaryOf(folder), folder, { test, mayImport }),
        ],
      },
    };
  }),
];

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
  ...layerConfigs,
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
