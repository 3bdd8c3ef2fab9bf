// Shared by every package's vitest project: resolve workspace packages to their
// TypeScript sources (the `@bursar/source` export condition), so tests never
// run against a stale or missing dist/. Vite resolves test files as SSR, so the
// SSR conditions need it too; the rest are Vitest's server defaults, which an
// explicit list replaces. Not `module`: Vitest drops it from its defaults because
// it also passes these to the test workers as Node `--conditions`, and packages
// point `module` at bundler-only ESM (@opentelemetry/api's extensionless imports,
// pulled in by the `ai` package, fail to load under Node).
const conditions = ['@bursar/source', 'node', 'development|production'];

export const sourceResolution = {
  resolve: { conditions },
  ssr: { resolve: { conditions, externalConditions: ['@bursar/source'] } },
};
