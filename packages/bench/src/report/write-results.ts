import { mkdir, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { format, resolveConfig } from 'prettier';

/** Rounds every non-integer number to `decimals` places: more digits would be noise. */
function roundNumbers(value: unknown, decimals: number): unknown {
  if (typeof value === 'number') {
    return Number.isInteger(value) ? value : Number(value.toFixed(decimals));
  }
  if (Array.isArray(value)) return value.map((item: unknown) => roundNumbers(item, decimals));
  if (typeof value === 'object' && value !== null) {
    return Object.fromEntries(
      Object.entries(value).map(([key, item]) => [key, roundNumbers(item, decimals)]),
    );
  }
  return value;
}

/**
 * Writes results as JSON formatted by the repository's Prettier settings, so
 * a fresh results file passes `prettier --check` (`pnpm lint`) as written.
 *
 * @example
 * ```ts
 * await writeResults('/repo/packages/bench/results/x.json', { date, machine, results });
 * ```
 */
export async function writeResults(file: string, results: object, decimals = 3): Promise<void> {
  const json = JSON.stringify(roundNumbers(results, decimals));
  const options = (await resolveConfig(file)) ?? {};
  await mkdir(dirname(file), { recursive: true });
  await writeFile(file, await format(json, { ...options, filepath: file }));
}
