// Types of vitest.shared.js, which stays JavaScript so Vite's config loader can import it with its extension.
export declare const sourceResolution: {
  resolve: { conditions: string[] };
  ssr: { resolve: { conditions: string[]; externalConditions: string[] } };
};
