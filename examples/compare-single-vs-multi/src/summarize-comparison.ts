import {
  addUsage,
  emptyUsage,
  type Nanodollars,
  type RequestedShape,
  type TaskShape,
  type Usage,
} from '@bursar/core';
import type { ComparisonRun } from './run-comparison';
import type { TaskCase, TaskSetName } from './task-sets';

/** One set run one way: the sum (tokens, cost) or mean (grade, wall time) over its tasks. */
export interface ShapeRow {
  readonly set: TaskSetName;
  readonly shape: RequestedShape;
  readonly tasks: number;
  readonly usage: Usage;
  readonly cost: Nanodollars;
  readonly meanGrade: number;
  /** Mean of the reports' `durationMs`, on the backend's clock. */
  readonly meanDurationMs: number;
  /** The governor's and the orchestrator's decisions, counted by kind. */
  readonly decisions: Readonly<Record<string, number>>;
  /** The shapes that ran, counted (what `auto` chose). */
  readonly ran: Readonly<Partial<Record<TaskShape | 'none', number>>>;
  /** Runs that ended `done`. */
  readonly done: number;
}

/** Single against fan-out on one task, and what auto did. */
export interface TaskVerdict {
  readonly taskCase: TaskCase;
  readonly single: ComparisonRun;
  readonly fanOut: ComparisonRun;
  readonly auto: ComparisonRun;
  /** The cheaper of single and fan-out among those with the better grade. */
  readonly cheaper: TaskShape;
  /** The shape auto ran, undefined when it stopped before choosing. */
  readonly autoChose: TaskShape | undefined;
  readonly autoPickedCheaper: boolean;
  /** Simulated (or real) wall time: whether the fan-out finished first. */
  readonly fanOutFaster: boolean;
}

/** How far auto's projection of a shape was from what that shape cost when it ran. */
export interface ProjectionCheck {
  readonly shape: TaskShape;
  readonly projected: Nanodollars;
  readonly measured: Nanodollars;
}

/** What the comparison shows, every figure computed from the runs. */
export interface ComparisonSummary {
  readonly rows: readonly ShapeRow[];
  readonly verdicts: readonly TaskVerdict[];
  /** Per set, the cheapest shape among those with the set's best mean grade. */
  readonly cheapestBySet: readonly { readonly set: TaskSetName; readonly row: ShapeRow }[];
  /** What auto paid beyond the cheaper shape, over the tasks where it picked the dearer one. */
  readonly autoOverpaid: Nanodollars;
  /** Auto's shape projections against the measured cost of the same shape's working agents on the same task. */
  readonly projections: readonly ProjectionCheck[];
  /** Runs whose ledger equals the provider's bill to the nano-dollar, of those with a bill. */
  readonly ledger: { readonly checked: number; readonly equal: number };
  /** Runs whose spend stayed within their budget's limit. */
  readonly withinLimit: number;
  readonly runs: number;
  /** The runs that ended `failed` (their cost and grade count above as far as they got). */
  readonly failed: readonly ComparisonRun[];
}

const taskShapes: readonly TaskShape[] = ['single', 'fanOut'];

/**
 * Aggregates the runs per set and shape, judges single against fan-out per
 * task at equal grade, and checks auto's choices and projections against
 * what the shapes cost when they ran.
 *
 * @example
 * ```ts
 * const summary = summarizeComparison(runs);
 * summary.verdicts.filter((verdict) => verdict.autoPickedCheaper).length;
 * ```
 */
export function summarizeComparison(runs: readonly ComparisonRun[]): ComparisonSummary {
  const rows: ShapeRow[] = [];
  for (const set of unique(runs.map((run) => run.taskCase.set))) {
    for (const shape of unique(runs.map((run) => run.shape))) {
      const group = runs.filter((run) => run.taskCase.set === set && run.shape === shape);
      if (group.length > 0) rows.push(shapeRow(set, shape, group));
    }
  }
  const verdicts = unique(runs.map((run) => run.taskCase)).flatMap((taskCase) => {
    const of = (shape: RequestedShape) =>
      runs.find((run) => run.taskCase === taskCase && run.shape === shape);
    const single = of('single');
    const fanOut = of('fanOut');
    const auto = of('auto');
    return single === undefined || fanOut === undefined || auto === undefined
      ? []
      : [verdictOf(taskCase, single, fanOut, auto)];
  });
  const cheapestBySet = unique(rows.map((row) => row.set)).flatMap((set) => {
    const candidates = rows.filter((row) => row.set === set);
    const best = Math.max(...candidates.map((row) => row.meanGrade));
    const [row] = candidates
      .filter((candidate) => candidate.meanGrade === best)
      .sort((left, right) => left.cost - right.cost);
    return row === undefined ? [] : [{ set, row }];
  });
  const autoOverpaid = verdicts.reduce(
    (sum, verdict) =>
      verdict.autoPickedCheaper
        ? sum
        : sum + Math.max(0, verdict.auto.report.cost - verdict[verdict.cheaper].report.cost),
    0,
  );
  const billed = runs.filter((run) => run.billed !== undefined);
  return {
    rows,
    verdicts,
    cheapestBySet,
    autoOverpaid,
    projections: verdicts.flatMap(projectionChecks),
    ledger: {
      checked: billed.length,
      equal: billed.filter((run) => run.billed === run.report.cost).length,
    },
    withinLimit: runs.filter(
      (run) => run.report.budget.limit === undefined || run.report.cost <= run.report.budget.limit,
    ).length,
    runs: runs.length,
    failed: runs.filter((run) => run.status === 'failed'),
  };
}

function shapeRow(set: TaskSetName, shape: RequestedShape, group: ComparisonRun[]): ShapeRow {
  const decisions: Record<string, number> = {};
  const ran: Partial<Record<TaskShape | 'none', number>> = {};
  for (const run of group) {
    for (const decision of run.report.decisions)
      decisions[decision.kind] = (decisions[decision.kind] ?? 0) + 1;
    const shapeRan = run.report.shape ?? 'none';
    ran[shapeRan] = (ran[shapeRan] ?? 0) + 1;
  }
  return {
    set,
    shape,
    tasks: group.length,
    usage: group.reduce((sum, run) => addUsage(sum, run.report.usage), emptyUsage),
    cost: group.reduce((sum, run) => sum + run.report.cost, 0),
    meanGrade: mean(group.map((run) => run.grade)),
    meanDurationMs: mean(group.map((run) => run.report.durationMs)),
    decisions,
    ran,
    done: group.filter((run) => run.status === 'done').length,
  };
}

function verdictOf(
  taskCase: TaskCase,
  single: ComparisonRun,
  fanOut: ComparisonRun,
  auto: ComparisonRun,
): TaskVerdict {
  const best = Math.max(single.grade, fanOut.grade);
  const [cheaper = 'single'] = taskShapes
    .map((shape) => ({ shape, run: shape === 'single' ? single : fanOut }))
    .filter(({ run }) => run.grade === best)
    .sort((left, right) => left.run.report.cost - right.run.report.cost)
    .map(({ shape }) => shape);
  const autoChose = auto.report.shape;
  return {
    taskCase,
    single,
    fanOut,
    auto,
    cheaper,
    autoChose,
    autoPickedCheaper: autoChose === cheaper,
    fanOutFaster: fanOut.report.durationMs < single.report.durationMs,
  };
}

/** What a run's working agents cost: the shape's projection leaves out triage and planning, already paid when it is made. */
function workingCost(run: ComparisonRun): Nanodollars {
  return run.report.byAgent
    .filter((agent) => agent.role !== 'triage' && agent.role !== 'plan')
    .reduce((sum, agent) => sum + agent.cost, 0);
}

/** The shape decision records the projection of the shape not taken (before) and of the one taken (after). */
function projectionChecks(verdict: TaskVerdict): ProjectionCheck[] {
  const decision = verdict.auto.report.decisions.find((candidate) => candidate.kind === 'shape');
  const chose = verdict.autoChose;
  if (decision === undefined || chose === undefined) return [];
  const other: TaskShape = chose === 'single' ? 'fanOut' : 'single';
  const checks: ProjectionCheck[] = [];
  if (decision.projectedAfter !== undefined)
    checks.push({
      shape: chose,
      projected: decision.projectedAfter,
      measured: workingCost(verdict[chose]),
    });
  if (decision.projectedBefore !== undefined)
    checks.push({
      shape: other,
      projected: decision.projectedBefore,
      measured: workingCost(verdict[other]),
    });
  return checks;
}

function unique<T>(values: readonly T[]): T[] {
  return [...new Set(values)];
}

function mean(values: readonly number[]): number {
  return values.length === 0 ? 0 : values.reduce((sum, value) => sum + value, 0) / values.length;
}
