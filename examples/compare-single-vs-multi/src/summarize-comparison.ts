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
  /** Runs that ended `failed`: a row with any is left out of the findings' verdicts. */
  readonly failed: number;
}

/** Single against fan-out on one task, and what auto did. */
export interface TaskVerdict {
  readonly taskCase: TaskCase;
  readonly single: ComparisonRun;
  readonly fanOut: ComparisonRun;
  readonly auto: ComparisonRun;
  /** The better grade of single and fan-out. */
  readonly bestGrade: number;
  /** The cheaper of single and fan-out among those with the better grade. */
  readonly cheaper: TaskShape;
  /** The shape auto ran, undefined when it stopped before choosing. */
  readonly autoChose: TaskShape | undefined;
  /** Auto ran {@link cheaper}. */
  readonly autoPickedCheaper: boolean;
  /** Auto's own run reached {@link bestGrade}. */
  readonly autoReachedBest: boolean;
  /** Auto's cost less the cost of {@link cheaper}'s run (negative: auto paid less). */
  readonly autoAgainstCheaper: Nanodollars;
  /**
   * When auto's run graded otherwise than the run of the shape it chose: what
   * differed before and after the choice.
   */
  readonly autoDiffers: AutoDifference | undefined;
  /** Simulated (or real) wall time: whether the fan-out finished first. */
  readonly fanOutFaster: boolean;
  /** One of the three runs failed: the task is left out of the findings' verdicts. */
  readonly anyFailed: boolean;
}

/**
 * Why auto's run of a shape can grade otherwise than that shape's own run:
 * auto pays for triage (and planning) first, so its agent starts with less
 * of the budget, and the governor projects the work from the plan; its
 * decisions differ.
 */
export interface AutoDifference {
  readonly shape: TaskShape;
  /** What auto spent on triage and planning before the shape ran. */
  readonly spentBefore: Nanodollars;
  /** Auto planned (a `plan` agent ran). */
  readonly planned: boolean;
  /** The governor's decisions of auto's run, by kind (the shape decision left out). */
  readonly autoDecisions: Readonly<Record<string, number>>;
  /** The same for the shape's own run. */
  readonly shapeDecisions: Readonly<Record<string, number>>;
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
  /**
   * Per set, the rows without a failed run against the set's best mean
   * grade: those at the best grade, cheapest first, and the others.
   */
  readonly bySet: readonly SetVerdict[];
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

/** One set's shapes, judged by grade, then cost. */
export interface SetVerdict {
  readonly set: TaskSetName;
  readonly bestGrade: number;
  /** The rows at the best grade, cheapest first. */
  readonly atBest: readonly ShapeRow[];
  /** The rows below it. */
  readonly below: readonly ShapeRow[];
  /** The rows left out because a run failed. */
  readonly leftOut: readonly ShapeRow[];
}

const taskShapes: readonly TaskShape[] = ['single', 'fanOut'];

/**
 * Aggregates the runs per set and shape, judges the shapes per set by grade
 * then cost, single against fan-out per task, auto's own run against the
 * better of the two, and auto's projections against what the shapes cost
 * when they ran.
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
  const bySet = unique(rows.map((row) => row.set)).map((set): SetVerdict => {
    const all = rows.filter((row) => row.set === set);
    const judged = all.filter((row) => row.failed === 0);
    const bestGrade = Math.max(0, ...judged.map((row) => row.meanGrade));
    const atBest = judged
      .filter((row) => sameGrade(row.meanGrade, bestGrade))
      .sort((left, right) => left.cost - right.cost);
    return {
      set,
      bestGrade,
      atBest,
      below: judged.filter((row) => !sameGrade(row.meanGrade, bestGrade)),
      leftOut: all.filter((row) => row.failed > 0),
    };
  });
  const billed = runs.filter((run) => run.billed !== undefined);
  return {
    rows,
    verdicts,
    bySet,
    projections: verdicts.filter((verdict) => !verdict.anyFailed).flatMap(projectionChecks),
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
    failed: group.filter((run) => run.status === 'failed').length,
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
  const target = cheaper === 'single' ? single : fanOut;
  const chosen = autoChose === 'single' ? single : autoChose === 'fanOut' ? fanOut : undefined;
  return {
    taskCase,
    single,
    fanOut,
    auto,
    bestGrade: best,
    cheaper,
    autoChose,
    autoPickedCheaper: autoChose === cheaper,
    autoReachedBest: auto.grade >= best,
    autoAgainstCheaper: auto.report.cost - target.report.cost,
    autoDiffers:
      autoChose === undefined || chosen === undefined || chosen.grade === auto.grade
        ? undefined
        : {
            shape: autoChose,
            spentBefore: auto.report.byAgent
              .filter((agent) => agent.role === 'triage' || agent.role === 'plan')
              .reduce((sum, agent) => sum + agent.cost, 0),
            planned: auto.report.byAgent.some((agent) => agent.role === 'plan'),
            autoDecisions: ladderDecisions(auto),
            shapeDecisions: ladderDecisions(chosen),
          },
    fanOutFaster: fanOut.report.durationMs < single.report.durationMs,
    anyFailed: [single, fanOut, auto].some((run) => run.status === 'failed'),
  };
}

/** A run's decisions counted by kind, the shape decision left out. */
function ladderDecisions(run: ComparisonRun): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const decision of run.report.decisions)
    if (decision.kind !== 'shape') counts[decision.kind] = (counts[decision.kind] ?? 0) + 1;
  return counts;
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

/** Mean grades summed in another order can differ in the last bits of a float. */
function sameGrade(left: number, right: number): boolean {
  return Math.abs(left - right) < 1e-9;
}

function unique<T>(values: readonly T[]): T[] {
  return [...new Set(values)];
}

function mean(values: readonly number[]): number {
  return values.length === 0 ? 0 : values.reduce((sum, value) => sum + value, 0) / values.length;
}
