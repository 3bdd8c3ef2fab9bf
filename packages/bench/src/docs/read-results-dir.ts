import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';

/**
 * Reads every `*.json` file of a results folder, parsed, keyed by file name.
 * A file that is not JSON throws an error naming it.
 *
 * @example
 * ```ts
 * const results = await readResultsDir('/repo/packages/bench/results');
 * results.get('governor-overhead.json');
 * ```
 */
export async function readResultsDir(dir: string): Promise<Map<string, unknown>> {
  const files = (await readdir(dir)).filter((file) => file.endsWith('.json')).sort();
  const results = new Map<string, unknown>();
  for (const file of files) {
    const text = await readFile(join(dir, file), 'utf8');
    try {
      results.set(file, JSON.parse(text) as unknown);
    } catch (error) {
      throw new Error(
        `results/${file} is not JSON: ${error instanceof Error ? error.message : String(error)}`,
      );
    }
  }
  return results;
}
