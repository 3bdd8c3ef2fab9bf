import { createSeededRandom, type SeededRandom } from '../../src/answer/seeded-random';

/**
 * A whole number in [min, max] that depends only on `seed`, so a fixture
 * rebuilt from the same data comes out byte for byte the same.
 *
 * @example
 * ```ts
 * seededInteger('bca4ab7d1f4df703', 600, 2_500); // the same number on every run
 * ```
 */
export function seededInteger(seed: string, min: number, max: number): number {
  return createSeededRandom(seed).integer(min, max);
}

/**
 * A deterministic random source for a generator (a re-export, so the library
 * scripts name one place for their randomness).
 *
 * @example
 * ```ts
 * const random = seededRandom('sequential-chains');
 * random.pick(['a', 'b']);
 * ```
 */
export function seededRandom(seed: string): SeededRandom {
  return createSeededRandom(seed);
}

/**
 * A whole number with thousands separators (`11034` → `11,034`), locale-free.
 *
 * @example
 * ```ts
 * groupThousands(1_284_000); // '1,284,000'
 * ```
 */
export function groupThousands(value: number): string {
  const sign = value < 0 ? '-' : '';
  const digits = String(Math.abs(Math.trunc(value)));
  return sign + digits.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

/**
 * Throws when two items share a key: the library's lookups (task by prompt,
 * step by question, result by tool input) need every key to be unique.
 *
 * @example
 * ```ts
 * assertUnique(['a', 'b'], (text) => text, 'step question');
 * ```
 */
export function assertUnique<TItem>(
  items: readonly TItem[],
  keyOf: (item: TItem) => string,
  what: string,
): void {
  const seen = new Set<string>();
  for (const item of items) {
    const key = keyOf(item);
    if (seen.has(key)) throw new Error(`Duplicate ${what}: ${JSON.stringify(key)}`);
    seen.add(key);
  }
}
