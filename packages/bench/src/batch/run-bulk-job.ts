import { createAnthropicClient } from '@bursar/anthropic';
import {
  cost,
  createBudget,
  runBatch,
  type BatchEvent,
  type BatchRunResult,
  type ModelBatchLimits,
} from '@bursar/core';
import { createSimulator } from '@bursar/simulator';
import { bulkJob, bulkModel } from './bulk-job';
import { createVirtualBatchClock } from './virtual-batch-clock';

/** One configuration of the bulk-job benchmark. */
export interface BulkJobSetting {
  readonly name: string;
  readonly items: number;
  /** The simulator's batch processing time. */
  readonly batchProcessingMs: number;
  readonly erroredRate: number;
  readonly expiredRate: number;
  readonly limits?: Partial<ModelBatchLimits>;
  readonly deadlineMs: number;
  readonly budgetUsd: string;
}

/** What one run measured. */
export interface BulkJobMeasurement {
  readonly setting: BulkJobSetting;
  readonly realSeconds: number;
  /** Simulator time from the start to the end of the run. */
  readonly virtualSeconds: number;
  readonly status: BatchRunResult['status'];
  readonly batches: number;
  readonly polls: number;
  /** Request bytes submitted, by the client's bound (the create bodies' entries). */
  readonly bytes: number;
  readonly succeeded: number;
  readonly retried: number;
  readonly failed: number;
  readonly unsubmitted: number;
  readonly usage: BatchRunResult['totals']['usage'];
  /** What the run cost, as the simulator's invoice says (nano-dollars). */
  readonly invoiceNanodollars: number;
  readonly ledgerNanodollars: number;
  /** The batch lane's lines priced again at the interactive price. */
  readonly batchLinesNanodollars: number;
  readonly batchLinesAtInteractiveNanodollars: number;
  /** Every line of the invoice priced at the interactive price: the job had it run interactively. */
  readonly allInteractiveNanodollars: number;
}

/**
 * Runs the bulk job once through `runBatch`, `@bursar/anthropic` and a fresh
 * in-process simulator, in virtual time: the simulator's clock moves only when
 * every waiter of runBatch is asleep, to the earliest wake-up (its batches end
 * when that time comes); interactive calls take no simulated time.
 *
 * @example
 * ```ts
 * const measured = await runBulkJob({ name: 'one batch', items: 10_000, ... });
 * ```
 */
export async function runBulkJob(setting: BulkJobSetting): Promise<BulkJobMeasurement> {
  const simulator = createSimulator({
    seed: 'bulk-job',
    latency: { mode: 'zero' },
    autoAdvance: false,
    batchProcessingMs: setting.batchProcessingMs,
    batchFaults: { erroredRate: setting.erroredRate, expiredRate: setting.expiredRate },
  });
  const client = createAnthropicClient({ apiKey: 'sk-bench', fetch: simulator.fetch });
  const clock = createVirtualBatchClock(simulator.clock);
  const items = bulkJob(setting.items);
  const budget = createBudget({ usd: setting.budgetUsd });
  let polls = 0;
  let bytes = 0;
  const started = performance.now();
  const startedAt = clock.now();
  const result = await runBatch(items, {
    client,
    budget,
    clock,
    deadline: startedAt + setting.deadlineMs,
    ...(setting.limits === undefined ? {} : { limits: setting.limits }),
    onEvent: (event: BatchEvent) => {
      if (event.type === 'batch.progress') polls += 1;
      if (event.type === 'batch.submit') bytes += event.bytes;
    },
  });
  const realSeconds = (performance.now() - started) / 1_000;
  const invoice = simulator.invoice();
  const batchLines = invoice.lines.filter((line) => line.lane === 'batch');
  const atInteractive = (lines: typeof invoice.lines) =>
    lines.reduce((sum, line) => sum + cost(line.usage, bulkModel), 0);
  return {
    setting,
    realSeconds,
    virtualSeconds: (clock.now() - startedAt) / 1_000,
    status: result.status,
    batches: result.totals.batches,
    polls,
    bytes,
    succeeded: result.totals.succeeded,
    retried: result.totals.retried,
    failed: result.totals.failed,
    unsubmitted: result.totals.unsubmitted,
    usage: result.totals.usage,
    invoiceNanodollars: invoice.total,
    ledgerNanodollars: budget.spent.usd,
    batchLinesNanodollars: batchLines.reduce((sum, line) => sum + line.cost, 0),
    batchLinesAtInteractiveNanodollars: atInteractive(batchLines),
    allInteractiveNanodollars: atInteractive(invoice.lines),
  };
}
