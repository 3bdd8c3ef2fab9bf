import type { Nanodollars } from '../money/nanodollars';
import type { Lane } from '../pricing/price-call';
import { addUsage, emptyUsage, type Usage } from '../usage/usage';
import type { BatchItemResult } from './batch-item-result';

/** Spend in one lane: requests charged, their usage by token class and cost. */
export interface LaneTotals {
  readonly requests: number;
  readonly usage: Usage;
  readonly cost: Nanodollars;
}

/**
 * What a run of {@link runBatch} spent and achieved: cost in nano-dollars,
 * usage by token class, both also split by lane, and item counts. Every charge
 * the budget booked for the run is here, however the run ended.
 *
 * @example
 * ```ts
 * formatUsd(result.totals.cost); // '$1.2345'
 * result.totals.byLane.batch.usage.output;
 * ```
 */
export interface BatchTotals {
  readonly cost: Nanodollars;
  readonly usage: Usage;
  readonly byLane: Readonly<Record<Lane, LaneTotals>>;
  readonly items: number;
  readonly succeeded: number;
  readonly failed: number;
  readonly unsubmitted: number;
  /** Batches submitted. */
  readonly batches: number;
  /** Items answered interactively after the batch lane did not answer them. */
  readonly retried: number;
}

/**
 * Adds up charges as a run makes them. @internal
 */
export class BatchTally {
  private readonly lanes: Record<Lane, { requests: number; usage: Usage; cost: number }> = {
    batch: { requests: 0, usage: emptyUsage, cost: 0 },
    interactive: { requests: 0, usage: emptyUsage, cost: 0 },
  };
  batches = 0;
  retried = 0;

  /** Records one charged request. */
  add(lane: Lane, usage: Usage, cost: Nanodollars): void {
    const totals = this.lanes[lane];
    totals.requests += 1;
    totals.usage = addUsage(totals.usage, usage);
    totals.cost += cost;
  }

  totals(items: readonly BatchItemResult[]): BatchTotals {
    const { batch, interactive } = this.lanes;
    const count = (status: BatchItemResult['status']): number =>
      items.filter((item) => item.status === status).length;
    return {
      cost: batch.cost + interactive.cost,
      usage: addUsage(batch.usage, interactive.usage),
      byLane: { batch: { ...batch }, interactive: { ...interactive } },
      items: items.length,
      succeeded: count('succeeded'),
      failed: count('failed'),
      unsubmitted: count('unsubmitted'),
      batches: this.batches,
      retried: this.retried,
    };
  }
}
