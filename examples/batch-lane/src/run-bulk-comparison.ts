import {
  runBatch,
  type BatchEvent,
  type BatchOutcome,
  type BatchRunResult,
  type Lane,
  type LanePreference,
  type Nanodollars,
} from '@bursar/core';
import type { Invoice } from '@bursar/simulator';
import type { BatchFaultRates, LaneBackend } from './backend';
import { checkHalfPrice, type HalfPriceCheck } from './check-half-price';
import { supportTickets } from './support-tickets';

/** One run of the bulk job in one lane. */
export interface BulkRun {
  /** The lane asked for: `auto` (with the deadline) or `interactive`. */
  readonly asked: LanePreference;
  /** What `runBatch` chose, and why (its `batch.lane` event). */
  readonly chosen: { readonly lane: Lane; readonly reason: string } | undefined;
  readonly result: BatchRunResult;
  /** The run's hard limit and what its budget's ledger says was spent, nano-dollars. */
  readonly limit: Nanodollars;
  readonly spent: Nanodollars;
  /** What the provider billed (the simulator's invoice); undefined on the real API. */
  readonly invoice: Invoice | undefined;
  /** Time from start to finish on the run's clock (simulated on the simulator). */
  readonly durationMs: number;
  /** Looks at batches (`batch.progress` events). */
  readonly polls: number;
  /** Items the batch lane did not answer that the interactive lane then did, by what the batch lane said. */
  readonly retriedAfter: Readonly<Partial<Record<BatchOutcome, number>>>;
}

/** What {@link runBulkComparison} returns. */
export interface BulkComparison {
  readonly model: string;
  readonly items: number;
  readonly deadlineMs: number;
  /** The fault rates injected into the batch run; undefined when they could not be (the real API). */
  readonly faults: BatchFaultRates | undefined;
  readonly batch: BulkRun;
  readonly interactive: BulkRun;
  readonly halfPrice: HalfPriceCheck;
}

/** Options of {@link runBulkComparison}. */
export interface BulkComparisonOptions {
  readonly backend: LaneBackend;
  /** Support tickets to classify. @default 500 */
  readonly items?: number;
  /** @default 'claude-haiku-4-5' */
  readonly model?: string;
  /** Each run's hard budget, dollars. @default '1' */
  readonly budgetUsd?: string;
  /** The deadline, ms after each run starts. @default 21_600_000 (6 hours) */
  readonly deadlineMs?: number;
  /** Shares of batch requests made to error and to expire. @default 2% each */
  readonly faults?: BatchFaultRates;
  /** Every event of both runs, for progress. */
  readonly onEvent?: (event: BatchEvent) => void;
}

/**
 * Classifies the same support tickets twice with `runBatch`, each run under
 * its own hard budget and a deadline: first with `lane: 'auto'` (the
 * deadline leaves room for a batch, so it takes the batch lane; a few
 * injected errored and expired requests are retried interactively), then in
 * the interactive lane. Returns both runs with their ledgers, invoices and
 * clock times, and the half-price check.
 *
 * @example
 * ```ts
 * const bulk = await runBulkComparison({ backend, items: 200 });
 * bulk.halfPrice.holds; // true
 * bulk.batch.result.totals.cost === bulk.batch.invoice?.total; // true
 * ```
 */
export async function runBulkComparison(options: BulkComparisonOptions): Promise<BulkComparison> {
  const { backend } = options;
  const model = options.model ?? 'claude-haiku-4-5';
  const count = options.items ?? 500;
  const deadlineMs = options.deadlineMs ?? 6 * 3_600_000;
  const items = supportTickets(count, model);
  const budgetUsd = options.budgetUsd ?? '1';

  const runIn = async (asked: LanePreference, faults?: BatchFaultRates): Promise<BulkRun> => {
    const run = backend.beginRun(`bulk-${asked}`, budgetUsd);
    try {
      if (faults !== undefined) backend.injectBatchFaults(faults);
      const { budget } = run;
      let chosen: BulkRun['chosen'];
      let polls = 0;
      const started = backend.clock.now();
      const result = await runBatch(items, {
        client: backend.client,
        budget,
        clock: backend.clock,
        deadline: started + deadlineMs,
        lane: asked,
        name: `bulk-${asked}`,
        onEvent: (event) => {
          if (event.type === 'batch.lane') chosen = { lane: event.lane, reason: event.reason };
          if (event.type === 'batch.progress') polls += 1;
          options.onEvent?.(event);
        },
      });
      const retriedAfter: Partial<Record<BatchOutcome, number>> = {};
      for (const item of result.items) {
        if (item.status === 'succeeded' && item.lane === 'interactive' && item.batchOutcome)
          retriedAfter[item.batchOutcome] = (retriedAfter[item.batchOutcome] ?? 0) + 1;
      }
      return {
        asked,
        chosen,
        result,
        limit: budget.limit.usd ?? 0,
        spent: budget.spent.usd,
        invoice: backend.invoice(),
        durationMs: backend.clock.now() - started,
        polls,
        retriedAfter,
      };
    } finally {
      run.close();
    }
  };

  const faults = options.faults ?? { erroredRate: 0.02, expiredRate: 0.02 };
  const injected = backend.kind === 'simulator' ? faults : undefined;
  const batch = await runIn('auto', injected);
  const interactive = await runIn('interactive');
  return {
    model,
    items: count,
    deadlineMs,
    faults: injected,
    batch,
    interactive,
    halfPrice: checkHalfPrice(batch.result, interactive.result, model),
  };
}
