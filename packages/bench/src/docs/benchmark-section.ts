import type * as z from 'zod';
import { parseResults } from './parse-results';

/** One section of docs/benchmarks.md: which results file it reads, and how. */
export interface BenchmarkSection {
  /** The results file it reads, relative to `packages/bench/results/` (`governor-overhead.json`). */
  readonly resultsFile: string;
  /** Validates the parsed JSON of that file and renders the section's Markdown. */
  readonly render: (json: unknown) => string;
}

/**
 * Pairs a section renderer with the schema of the fields it reads: the JSON
 * is validated at this boundary, so the renderer works on typed results.
 *
 * @example
 * ```ts
 * export const governorOverheadSection = benchmarkSection(
 *   'governor-overhead.json',
 *   governorOverheadSchema,
 *   renderGovernorOverheadSection,
 * );
 * ```
 */
export function benchmarkSection<T>(
  resultsFile: string,
  schema: z.ZodType<T>,
  render: (results: T) => string,
): BenchmarkSection {
  return {
    resultsFile,
    render: (json) => render(parseResults(resultsFile, schema, json)),
  };
}
