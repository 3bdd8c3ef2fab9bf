import type { BulkComparison } from './run-bulk-comparison';
import type { TaskLanes } from './run-task-lanes';

/** One claim of the example, checked on its run. */
export interface LaneCheck {
  readonly claim: string;
  readonly passed: boolean;
}

/**
 * The example's claims, checked on what ran: the batch discount to the
 * nano-dollar, every ledger equal to its invoice (where there is one), no
 * budget passed, and the governor moving work to the batch lane with a day
 * before the deadline and not with a minute. Leave out a part that did not run.
 *
 * @example
 * ```ts
 * const failed = laneChecks({ bulk, tasks }).filter((check) => !check.passed);
 * ```
 */
export function laneChecks(parts: {
  readonly bulk?: BulkComparison | undefined;
  readonly tasks?: TaskLanes | undefined;
}): LaneCheck[] {
  const checks: LaneCheck[] = [];
  const { bulk, tasks } = parts;
  if (bulk !== undefined) {
    const runs = [bulk.batch, bulk.interactive];
    checks.push(
      {
        claim:
          'every item the batch lane answered cost exactly half its usage at the interactive price',
        passed: bulk.halfPrice.holds,
      },
      {
        claim: 'the bulk runs answered every item',
        passed: runs.every((run) => run.result.status === 'completed'),
      },
      {
        claim: 'each bulk run: result totals == budget ledger == invoice',
        passed: runs.every(
          (run) =>
            run.result.totals.cost === run.spent &&
            (run.invoice === undefined || run.invoice.total === run.spent),
        ),
      },
      {
        claim: 'each bulk run stayed within its hard budget',
        passed: runs.every((run) => run.spent <= run.limit),
      },
    );
  }
  if (tasks !== undefined) {
    const runs = [tasks.interactive, tasks.batch, tasks.roomy, tasks.rushed];
    const batchSteps = (run: typeof tasks.roomy) =>
      run.report.decisions.filter((decision) => decision.kind === 'batch').length;
    checks.push(
      {
        claim: 'each task run: report cost == invoice',
        passed: runs.every((run) => run.billed === undefined || run.billed === run.report.cost),
      },
      {
        claim: 'each task run stayed within its hard budget',
        passed: runs.every((run) => run.report.cost <= (run.report.budget.limit ?? Infinity)),
      },
      {
        claim: "lane 'batch': every working agent's call went to the batch lane",
        passed: tasks.batch.report.timeline
          .filter((entry) => entry.agent.startsWith('subagent:'))
          .every((entry) => entry.lane === 'batch'),
      },
      {
        claim: "lane 'auto', a day to the deadline: a 'batch' decision and batch-lane calls",
        passed: batchSteps(tasks.roomy) > 0 && tasks.roomy.calls.batch > 0,
      },
      {
        claim: "lane 'auto', a minute to the deadline: no 'batch' decision, every call interactive",
        passed: batchSteps(tasks.rushed) === 0 && tasks.rushed.calls.batch === 0,
      },
    );
  }
  return checks;
}
