import {
  cost,
  tokenClasses,
  type BatchRunResult,
  type Nanodollars,
  type Usage,
} from '@bursar/core';

/** What {@link checkHalfPrice} found. */
export interface HalfPriceCheck {
  /** Items the batch lane answered (retried items are not compared: they paid full price). */
  readonly compared: number;
  /** What those items cost in the batch lane. */
  readonly batchCost: Nanodollars;
  /** The same usage priced at the interactive rate. */
  readonly batchUsageAtInteractive: Nanodollars;
  /** Items whose batch cost is exactly half of their usage priced interactively. */
  readonly exactHalf: number;
  /** Items the interactive run answered with the same usage as the batch lane did. */
  readonly sameUsage: number;
  /** What the interactive run charged for those same-usage items. */
  readonly sameUsageInteractiveCost: Nanodollars;
  /** What the batch lane charged for them. */
  readonly sameUsageBatchCost: Nanodollars;
  /**
   * Every compared item costs exactly half its usage at the interactive
   * price, and every same-usage item cost exactly twice as much in the
   * interactive run (so the sums are exactly 2:1 too).
   */
  readonly holds: boolean;
}

/**
 * Checks the batch discount to the nano-dollar, item by item: each item the
 * batch lane answered must cost exactly half of its usage priced at the
 * interactive rate, and where the interactive run of the same items billed
 * the same usage (always on the simulator), exactly half of what it charged.
 *
 * @example
 * ```ts
 * const check = checkHalfPrice(batchRun, interactiveRun, 'claude-haiku-4-5');
 * check.holds; // true
 * ```
 */
export function checkHalfPrice(
  batch: BatchRunResult,
  interactive: BatchRunResult,
  model: string,
): HalfPriceCheck {
  const answeredInteractively = new Map(
    interactive.items.flatMap((item) => (item.status === 'succeeded' ? [[item.id, item]] : [])),
  );
  let compared = 0;
  let batchCost = 0;
  let batchUsageAtInteractive = 0;
  let exactHalf = 0;
  let sameUsage = 0;
  let sameUsageInteractiveCost = 0;
  let sameUsageBatchCost = 0;
  let sameUsageExact = 0;
  for (const item of batch.items) {
    if (item.status !== 'succeeded' || item.lane !== 'batch') continue;
    const usage = item.response.usage;
    const atInteractive = cost(usage, model);
    compared += 1;
    batchCost += item.cost;
    batchUsageAtInteractive += atInteractive;
    if (item.cost * 2 === atInteractive) exactHalf += 1;
    const other = answeredInteractively.get(item.id);
    if (other !== undefined && sameUsageOf(other.response.usage, usage)) {
      sameUsage += 1;
      sameUsageInteractiveCost += other.cost;
      sameUsageBatchCost += item.cost;
      if (item.cost * 2 === other.cost) sameUsageExact += 1;
    }
  }
  return {
    compared,
    batchCost,
    batchUsageAtInteractive,
    exactHalf,
    sameUsage,
    sameUsageInteractiveCost,
    sameUsageBatchCost,
    holds: compared > 0 && exactHalf === compared && sameUsageExact === sameUsage,
  };
}

function sameUsageOf(left: Usage, right: Usage): boolean {
  return tokenClasses.every((tokenClass) => left[tokenClass] === right[tokenClass]);
}
