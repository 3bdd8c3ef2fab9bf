import { fileURLToPath } from 'node:url';
import { formatMarkdown } from './format-markdown';
import { readResultsDir } from './read-results-dir';
import { renderBenchmarksDoc } from './render-benchmarks-doc';

/** Where the results are read from: `packages/bench/results/`. */
export const resultsDir = fileURLToPath(new URL('../../results/', import.meta.url));

/** Where the page is written: `docs/benchmarks.md` at the repository root. */
export const benchmarksDocFile = fileURLToPath(
  new URL('../../../../docs/benchmarks.md', import.meta.url),
);

/**
 * docs/benchmarks.md as it should read: rendered from every results file,
 * formatted by Prettier.
 *
 * @example
 * ```ts
 * await writeFile(benchmarksDocFile, await buildBenchmarksDoc());
 * ```
 */
export async function buildBenchmarksDoc(
  dir: string = resultsDir,
  docFile: string = benchmarksDocFile,
): Promise<string> {
  return formatMarkdown(renderBenchmarksDoc(await readResultsDir(dir)), docFile);
}
