import { formatTable, formatUsd4 } from '@bursar-examples/support';
import { formatDuration } from './format-duration';
import { humanizeMilliseconds } from './humanize-milliseconds';
import type { TaskLaneRun, TaskLanes } from './run-task-lanes';

const hasBatchDecision = (run: TaskLaneRun) =>
  run.report.decisions.some((decision) => decision.kind === 'batch');

/**
 * Part 2's printout: a row per `runTask` run (lane, deadline, budget, status,
 * shape, grade, calls per lane, what the working agents and the whole task
 * cost, the invoice, time on the task clock), the batch lane's ratio and
 * cache writes, each run's decisions with their reasons, and whether the
 * governor moved work to the batch lane, computed from the decisions.
 *
 * @example
 * ```ts
 * console.log(formatTaskLanes(await runTaskLanes({ backend, workloads })));
 * ```
 */
export function formatTaskLanes(lanes: TaskLanes): string {
  const runs = [lanes.interactive, lanes.batch, lanes.roomy, lanes.rushed];
  const table = formatTable(
    [
      { header: 'run' },
      { header: 'budget', align: 'right' },
      { header: 'status' },
      { header: 'shape' },
      { header: 'grade', align: 'right' },
      { header: 'batch calls', align: 'right' },
      { header: 'interactive', align: 'right' },
      { header: 'working agents', align: 'right' },
      { header: 'task', align: 'right' },
      { header: 'invoice', align: 'right' },
      { header: 'time on the clock', align: 'right' },
    ],
    runs.map((run) => [
      run.label,
      formatUsd4(run.report.budget.limit ?? 0),
      run.status,
      run.report.shape ?? '-',
      run.grade.toFixed(2),
      String(run.calls.batch),
      String(run.calls.interactive),
      formatUsd4(run.workingCost),
      formatUsd4(run.report.cost),
      run.billed === undefined ? 'n/a' : formatUsd4(run.billed),
      formatDuration(run.report.durationMs),
    ]),
  );
  const { interactive, batch, roomy, rushed } = lanes;
  const classes = (run: TaskLaneRun) =>
    `5-minute ${String(run.report.byClass.cacheWrite5m.tokens)}, 1-hour ${String(run.report.byClass.cacheWrite1h.tokens)}`;
  const decisions = [roomy, rushed].flatMap((run) => [
    `${run.label}:`,
    ...run.report.decisions.map(
      (decision) =>
        `  ${formatDuration(decision.at).padStart(12)}  ${decision.kind.padEnd(9)}  ${humanizeMilliseconds(decision.reason)}`,
    ),
  ]);
  const invoiced = runs.filter((run) => run.billed !== undefined);
  const ledgerEqualsInvoice = invoiced.filter((run) => run.billed === run.report.cost).length;
  const moved =
    hasBatchDecision(roomy) && roomy.calls.batch > 0 && !hasBatchDecision(rushed) ? 'PASS' : 'FAIL';
  const failed = runs.filter((run) => run.status === 'failed');
  const failures =
    failed.length === 0
      ? []
      : [
          '',
          `${String(failed.length)} of ${String(runs.length)} runs failed:`,
          ...failed.map((run) => `  ${run.label}: ${run.error ?? 'no reason given'}`),
        ];
  return [
    `One FanOutQA task (${lanes.taskId}), each run on a cold cache. The first two fan out six subagents at once; the auto runs have a tight budget, one subagent at a time, and the default work model without pruning pinned (so budget-fit planning leaves them as asked and the pressure falls on the lane).`,
    '',
    table,
    ...failures,
    '',
    'What it shows:',
    `- the batch lane: the working agents cost ${formatUsd4(batch.workingCost)} against ${formatUsd4(interactive.workingCost)} interactive (${times(batch.workingCost, interactive.workingCost)}), the whole task ${formatUsd4(batch.report.cost)} against ${formatUsd4(interactive.report.cost)} (${times(batch.report.cost, interactive.report.cost)}), grade ${batch.grade.toFixed(2)} against ${interactive.grade.toFixed(2)}. Not 0.50x: every cache write in the batch lane is a 1-hour write, at twice the input price instead of 1.25x (cache writes in tokens: interactive ${classes(interactive)}; batch ${classes(batch)}). Each turn waits for its batch: ${formatDuration(batch.report.durationMs)} against ${formatDuration(interactive.report.durationMs)}.`,
    `- lane auto: with the deadline a day away the governor ${hasBatchDecision(roomy) ? 'took a batch step' : 'took NO batch step'} (${String(roomy.calls.batch)} calls billed in the batch lane); a minute away ${hasBatchDecision(rushed) ? 'it took a batch step' : 'it did not'} (${String(rushed.calls.batch)} batch calls). ${moved}`,
    `- ledger and invoice: ${invoiced.length === 0 ? 'no invoice on the real API' : `equal to the nano-dollar on ${String(ledgerEqualsInvoice)} of ${String(invoiced.length)} runs`}.`,
    '',
    'Decisions of the auto runs (time on the task clock, kind, the reason given):',
    ...decisions,
  ].join('\n');
}

/** `0.70x`, or `no ratio` when the base billed nothing (every call refused). */
function times(part: number, base: number): string {
  return base > 0 ? `${(part / base).toFixed(2)}x` : 'no ratio';
}
