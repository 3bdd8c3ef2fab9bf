// A 10,000-item bulk job end to end in virtual time: runBatch over
// @bursar/anthropic and the in-process simulator. Run: pnpm --filter @bursar/bench batch-lane
import { formatUsd } from '@bursar/core';
import { fileURLToPath } from 'node:url';
import { runBulkJob, type BulkJobMeasurement, type BulkJobSetting } from './batch/run-bulk-job';
import { bulkModel } from './batch/bulk-job';
import { median } from './measure/median';
import { describeMachine } from './report/describe-machine';
import { formatNumber, formatTable } from './report/format-table';
import { writeResults } from './report/write-results';

const minute = 60_000;
const hour = 60 * minute;
// Holds: each request's worst case (its ~12,500-token prompt bound at the batch
// 1-hour write price, plus 48 output tokens) is about $0.038, so $400 holds
// all 10,000 at once and $100 about a quarter of them.
const settings: readonly (BulkJobSetting & { readonly runs: number })[] = [
  {
    name: 'one batch, no faults',
    items: 10_000,
    batchProcessingMs: 40 * minute,
    erroredRate: 0,
    expiredRate: 0,
    deadlineMs: 6 * hour,
    budgetUsd: '400',
    runs: 3,
  },
  {
    name: '4 batches of 2,500, 2% errored + 2% expired',
    items: 10_000,
    batchProcessingMs: 40 * minute,
    erroredRate: 0.02,
    expiredRate: 0.02,
    limits: { maxRequests: 2_500 },
    deadlineMs: 6 * hour,
    budgetUsd: '400',
    runs: 1,
  },
  {
    name: '$100 budget: rounds as holds free up',
    items: 10_000,
    batchProcessingMs: 40 * minute,
    erroredRate: 0,
    expiredRate: 0,
    deadlineMs: 6 * hour,
    budgetUsd: '100',
    runs: 1,
  },
];
const targetSeconds = 10;

const started = performance.now();
const machine = describeMachine();
console.log(
  `Batch lane: ${machine.cpuModel}, ${machine.cores} cores, ${machine.totalMemoryGiB} GiB, Node ${machine.nodeVersion}\n`,
);

const measured: { setting: BulkJobSetting & { runs: number }; runs: BulkJobMeasurement[] }[] = [];
for (const setting of settings) {
  const runs: BulkJobMeasurement[] = [];
  for (let run = 0; run < setting.runs; run += 1) runs.push(await runBulkJob(setting));
  measured.push({ setting, runs });
}

const rows = measured.map(({ setting, runs }) => {
  const last = runs.at(-1) as BulkJobMeasurement;
  const seconds = median(runs.map((run) => run.realSeconds));
  return [
    setting.name,
    formatNumber(seconds, 2),
    runs.map((run) => formatNumber(run.realSeconds, 2)).join(' / '),
    formatNumber(last.virtualSeconds / 60, 1),
    String(last.batches),
    setting.budgetUsd,
    String(last.polls),
    formatNumber(last.bytes / 1e6, 1),
    formatNumber(last.succeeded),
    formatNumber(last.retried),
    formatUsd(last.invoiceNanodollars, { maxDecimals: 4 }),
    formatUsd(last.allInteractiveNanodollars, { maxDecimals: 4 }),
    (last.batchLinesNanodollars / last.batchLinesAtInteractiveNanodollars).toFixed(4),
  ];
});
console.log(
  `${formatNumber(settings[0]?.items ?? 0)} classification requests to ${bulkModel} (a 2,715-token routing policy cached for an hour, a short ticket, 48 output tokens at most), batches taking 40 simulated minutes, deadline 6 hours\n`,
);
console.log(
  formatTable(
    [
      'setting',
      'real s (median)',
      'runs (s)',
      'virtual min',
      'batches',
      'budget $',
      'polls',
      'MB sent',
      'succeeded',
      'retried',
      'cost',
      'all interactive',
      'batch / interactive',
    ],
    rows,
  ),
);

const checks = measured.flatMap(({ runs }) =>
  runs.map((run) => ({
    ledgerEqualsInvoice: run.ledgerNanodollars === run.invoiceNanodollars,
    batchIsExactlyHalf: run.batchLinesNanodollars * 2 === run.batchLinesAtInteractiveNanodollars,
    completed: run.status === 'completed',
  })),
);
const slowest = Math.max(...measured.map(({ runs }) => median(runs.map((run) => run.realSeconds))));
console.log(
  `\nLedger equals invoice in every run: ${String(checks.every((check) => check.ledgerEqualsInvoice))}; ` +
    `batch lines exactly half the interactive price: ${String(checks.every((check) => check.batchIsExactlyHalf))}; ` +
    `every run completed: ${String(checks.every((check) => check.completed))}.`,
);
console.log(
  `Target: under ${String(targetSeconds)} s real time: ${slowest < targetSeconds ? 'met' : 'NOT met'} (slowest median ${formatNumber(slowest, 2)} s).`,
);

const durationSeconds = (performance.now() - started) / 1_000;
const file = fileURLToPath(new URL('../results/batch-lane.json', import.meta.url));
await writeResults(file, {
  benchmark: 'batch-lane',
  date: new Date().toISOString(),
  machine,
  model: bulkModel,
  targetSeconds,
  durationSeconds,
  results: measured.map(({ setting, runs }) => ({
    setting,
    medianRealSeconds: median(runs.map((run) => run.realSeconds)),
    runs,
  })),
  checks,
});
console.log(`\nDone in ${formatNumber(durationSeconds, 1)} s; results in ${file}`);
