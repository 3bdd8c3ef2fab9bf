import { inspect } from 'node:util';
import { formatUsd } from '@bursar/core';
import { formatTable } from '@bursar-examples/support';
import { formatDuration } from './format-duration';
import { humanizeMilliseconds } from './humanize-milliseconds';
import type { BulkComparison, BulkRun } from './run-bulk-comparison';

const percent = (rate: number) => `${String(Math.round(rate * 1_000) / 10)}%`;

/** The invoice check of one run: `$x == $x`, or why it cannot be made. */
function invoiceCheck(run: BulkRun): { readonly text: string; readonly passed: boolean } {
  if (run.invoice === undefined)
    return { text: `${formatUsd(run.spent)} (no invoice on the real API)`, passed: true };
  const passed = run.spent === run.invoice.total && run.result.totals.cost === run.spent;
  return {
    text: `ledger ${formatUsd(run.spent)} ${passed ? '==' : '!='} invoice ${formatUsd(run.invoice.total)}`,
    passed,
  };
}

/** The items a run could not answer, counted by reason and error: `1× interactive-error: 401 …`. */
function failures(run: BulkRun): string | undefined {
  const counts = new Map<string, number>();
  for (const item of run.result.items) {
    if (item.status !== 'failed') continue;
    const error =
      item.error instanceof Error
        ? item.error.message
        : item.error === undefined
          ? undefined
          : inspect(item.error, { breakLength: Infinity });
    const why = error === undefined ? item.reason : `${item.reason}: ${error}`;
    counts.set(why, (counts.get(why) ?? 0) + 1);
  }
  if (counts.size === 0) return undefined;
  const parts = [...counts].map(([why, count]) => `${String(count)}× ${why}`);
  return `the ${run.asked} run ${parts.join('; ')}`;
}

/**
 * Part 1's printout: a row per run (lane asked and chosen, status, batches,
 * where items were answered, cost, the ledger against the invoice, time on
 * the clock), why `auto` chose its lane, then the cost split, the half-price
 * check, the invoice check and the time each lane took, all computed.
 *
 * @example
 * ```ts
 * console.log(formatBulkComparison(await runBulkComparison({ backend })));
 * ```
 */
export function formatBulkComparison(bulk: BulkComparison): string {
  const { batch, interactive, halfPrice } = bulk;
  const retried = (run: BulkRun) => {
    const parts = Object.entries(run.retriedAfter).map(
      ([outcome, count]) => `${String(count)} ${outcome}`,
    );
    return parts.length === 0
      ? String(run.result.totals.retried)
      : `${String(run.result.totals.retried)} (${parts.join(', ')})`;
  };
  const table = formatTable(
    [
      { header: 'lane asked' },
      { header: 'chosen' },
      { header: 'status' },
      { header: 'batches', align: 'right' },
      { header: 'in batch', align: 'right' },
      { header: 'interactive', align: 'right' },
      { header: 'retried' },
      { header: 'cost', align: 'right' },
      { header: 'invoice', align: 'right' },
      { header: 'time on the clock', align: 'right' },
    ],
    [batch, interactive].map((run) => [
      run.asked,
      run.chosen?.lane ?? '?',
      run.result.status,
      String(run.result.totals.batches),
      String(run.result.totals.byLane.batch.requests),
      String(run.result.totals.byLane.interactive.requests),
      retried(run),
      formatUsd(run.result.totals.cost),
      run.invoice === undefined ? 'n/a' : formatUsd(run.invoice.total),
      formatDuration(run.durationMs),
    ]),
  );
  const batchTotals = batch.result.totals;
  const failed = [batch, interactive].flatMap((run) => failures(run) ?? []);
  // No ratio when the interactive run billed nothing (every request refused).
  const ratio =
    interactive.result.totals.cost > 0
      ? batchTotals.cost / interactive.result.totals.cost
      : undefined;
  const invoices = [batch, interactive].map(invoiceCheck);
  const faults =
    bulk.faults === undefined
      ? 'no faults injected (the real API)'
      : `faults injected into the batch run: ${percent(bulk.faults.erroredRate)} of requests errored, ${percent(bulk.faults.expiredRate)} expired`;
  const sameUsage =
    halfPrice.sameUsage === 0
      ? 'no item was billed the same usage in both runs'
      : `the interactive run billed ${String(halfPrice.sameUsage)} of them the same usage, token for token, for ${formatUsd(halfPrice.sameUsageInteractiveCost)}: the batch lane's ${formatUsd(halfPrice.sameUsageBatchCost)} is ${halfPrice.sameUsageBatchCost * 2 === halfPrice.sameUsageInteractiveCost ? 'exactly half' : 'NOT half'}`;
  return [
    `${String(bulk.items)} support tickets to classify (${bulk.model}, 16 output tokens at most), each run under its own hard budget of ${formatUsd(batch.limit)} with a deadline ${formatDuration(bulk.deadlineMs)} away; ${faults}.`,
    '',
    table,
    '',
    `Why auto chose the ${batch.chosen?.lane ?? '?'} lane: ${batch.chosen === undefined ? 'no batch.lane event' : humanizeMilliseconds(batch.chosen.reason)}.`,
    '',
    'What it shows:',
    `- cost: the batch run ${formatUsd(batchTotals.cost)} = ${formatUsd(batchTotals.byLane.batch.cost)} for ${String(batchTotals.byLane.batch.requests)} items in the batch lane + ${formatUsd(batchTotals.byLane.interactive.cost)} for ${String(batchTotals.byLane.interactive.requests)} retried at the interactive price; the interactive run ${formatUsd(interactive.result.totals.cost)}. ${ratio === undefined ? 'No ratio: the interactive run billed nothing.' : `Ratio ${ratio.toFixed(4)}.`}`,
    `- half price, checked to the nano-dollar: ${String(halfPrice.exactHalf)} of the ${String(halfPrice.compared)} items the batch lane answered cost exactly half of their usage priced interactively (${formatUsd(halfPrice.batchCost)} against ${formatUsd(halfPrice.batchUsageAtInteractive)}); ${sameUsage}. ${halfPrice.holds ? 'PASS' : 'FAIL'}`,
    `- retries: ${String(batchTotals.retried)} items the batch lane did not answer (errored or expired, not billed there) ran in the interactive lane within the deadline; ${String(batchTotals.failed)} failed, ${String(batchTotals.unsubmitted)} unsubmitted.`,
    ...(failed.length === 0 ? [] : [`- failed items: ${failed.join('; ')}.`]),
    `- ledger and invoice: batch run ${invoices[0]?.text ?? ''}; interactive run ${invoices[1]?.text ?? ''}. ${invoices.every((check) => check.passed) ? 'PASS' : 'FAIL'}`,
    `- time: the batch run took ${formatDuration(batch.durationMs)}, the interactive run ${formatDuration(interactive.durationMs)} (${(batch.durationMs / Math.max(1, interactive.durationMs)).toFixed(0)}x as long${ratio === undefined ? '' : `, at ${(ratio * 100).toFixed(1)}% of the cost`}).`,
  ].join('\n');
}
