import { formatUsd, type Nanodollars } from '@bursar/core';

/**
 * Dollars to exactly four decimals: enough to tell the examples' runs apart,
 * and the columns of their tables line up.
 *
 * @example
 * ```ts
 * formatUsd4(132_400_000); // '$0.1324'
 * formatUsd4(0); // '$0.0000'
 * ```
 */
export function formatUsd4(amount: Nanodollars): string {
  return formatUsd(amount, { minDecimals: 4, maxDecimals: 4 });
}
