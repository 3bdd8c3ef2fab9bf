import { formatTable, formatUsd4 } from '@bursar-examples/support';
import type { BudgetLadder, LadderRun } from './run-budget-ladder';

/** A run's budget: `roomy` for the first run (a limit too large to bind), else its share. */
function label(run: LadderRun): string {
  return run.percent === undefined ? 'roomy' : `${String(run.percent)}%`;
}

function kinds(run: LadderRun): string {
  const counts = new Map<string, number>();
  for (const decision of run.report.decisions)
    counts.set(decision.kind, (counts.get(decision.kind) ?? 0) + 1);
  return [...counts]
    .map(([kind, count]) => (count > 1 ? `${kind}×${String(count)}` : kind))
    .join(' ');
}

/** Whether a run stayed within its limit, its ledger equal to the simulator's invoice. */
export function heldTheLimit(run: LadderRun): boolean {
  return run.report.cost === run.billed && run.billed <= run.limit;
}

/**
 * The ladder as text: a table of every budget (limit, status, shape, cost,
 * share used, grade, decision kinds), each run's decisions with the
 * governor's reasons, and the limit check against the simulator's invoice.
 *
 * @example
 * ```ts
 * console.log(formatBudgetLadder(await runBudgetLadder({ workloads })));
 * ```
 */
export function formatBudgetLadder(ladder: BudgetLadder): string {
  const all = [ladder.unconstrained, ...ladder.runs];
  const table = formatTable(
    [
      { header: 'budget' },
      { header: 'limit', align: 'right' },
      { header: 'status' },
      { header: 'shape' },
      { header: 'cost', align: 'right' },
      { header: 'used', align: 'right' },
      { header: 'grade', align: 'right' },
      { header: 'invoice', align: 'right' },
      { header: 'decisions' },
    ],
    all.map((run) => [
      label(run),
      formatUsd4(run.limit),
      run.status,
      run.report.shape ?? 'none',
      formatUsd4(run.report.cost),
      `${((run.report.budget.shareUsed ?? 0) * 100).toFixed(1)}%`,
      run.grade.toFixed(2),
      formatUsd4(run.billed),
      kinds(run),
    ]),
  );
  const reasons = all.flatMap((run) => [
    `${label(run)} (${formatUsd4(run.limit)}):`,
    ...run.report.decisions.map(
      (decision) =>
        `  ${(decision.at / 1000).toFixed(1).padStart(5)} s  ${decision.kind.padEnd(10)} ${decision.reason}`,
    ),
  ]);
  const held = all.filter(heldTheLimit).length;
  const check =
    held === all.length
      ? `Spend never passed a limit: on all ${String(all.length)} runs the ledger equals the simulator's invoice to the nano-dollar, and the invoice is at most the limit.`
      : `LIMIT CHECK FAILED on ${String(all.length - held)} of ${String(all.length)} runs: ${all
          .filter((run) => !heldTheLimit(run))
          .map(
            (run) =>
              `${label(run)} billed ${formatUsd4(run.billed)}, ledger ${formatUsd4(run.report.cost)}, limit ${formatUsd4(run.limit)}`,
          )
          .join('; ')}.`;
  return [
    `One task, ${ladder.taskId} (${ladder.workloadId}), shape auto, on the simulator.`,
    `The first run has a roomy ${formatUsd4(ladder.unconstrained.limit)} limit that does not bind; the other budgets are shares of what it cost (${formatUsd4(ladder.unconstrained.report.cost)}). Each run starts on a cold cache.`,
    '',
    table,
    '',
    'Decisions (time on the task clock, kind, the reason given):',
    ...reasons,
    '',
    check,
  ].join('\n');
}
