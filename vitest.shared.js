// Shared by every package's vitest project: resolve workspace packages to their
// TypeScript sources (the `@bursar/source` export condition), so tests never
// run against a stale or missing dist/. Vite resolves test files as SSR, so the
// SSR conditions need it too; the rest are Vite's defaults, which an explicit
// list replaces.
const conditions = ['@bursar/source', 'module', 'node', 'development|production'];

export const sourceResolution = {
  resolve: { conditions },
  ssr: { resolve: { conditions, externalConditions: ['@bursar/source'] } },
};
