import { serialPlanThreshold } from './task-defaults';
import { planWidth, type TaskPlan, type Triage } from './task-plan';

/**
 * What kind of work a task is, as the task itself says (its triage, or its
 * plan's shape), never from anything the grader knows: `parallel` (subtasks
 * that can run at once), `serial` (a short chain where each step needs the
 * last), `longSerial` (a long run of simple steps).
 */
export type WorkKind = 'parallel' | 'serial' | 'longSerial';

/** Where a model works: as the one agent, or as the subagents (and synthesis) of a fan-out. */
export type WorkShape = 'single' | 'fanOut';

/**
 * Expected grade (0 to 1) of a configuration, by model and by kind and shape
 * of work: what the planner weighs against cost. Replace them with your own
 * (`runTask({ priors })`), measured on a sample of your own tasks.
 *
 * @example
 * ```ts
 * const priors: GradePriors = { byModel: { 'claude-haiku-4-5': { 'serial.single': 0.2 } }, unknown: 1 };
 * ```
 */
export interface GradePriors {
  readonly byModel: Readonly<
    Record<string, Partial<Readonly<Record<`${WorkKind}.${WorkShape}`, number>>>>
  >;
  /** The expected grade of a model or a kind of work not listed. */
  readonly unknown: number;
  /** Where the numbers come from. */
  readonly source?: string;
}

/**
 * Priors measured on the simulator's workloads, fitted on the budget sweep's
 * six training tasks only (two FanOutQA, one ParallelQA, two sequential
 * chains, one tool loop), each run unconstrained in every configuration:
 * `pnpm --filter @bursar/bench budget-fit --train`. Sonnet 4.6 reached 1.00 on
 * all six; haiku 4.5 reached 1.00 on parallel work as subagents, 0.58 as one
 * agent (FanOutQA 0.40 and 0.33, ParallelQA 1.00), 0.23 on short chains
 * alone (0.25, 0.20) and 0.55 as their subagents (0.50, 0.60), and 1.00 on
 * the long tool loop. Opus 4.6 is taken to be no worse than sonnet (not
 * measured). Pruning lost no grade on any of them.
 */
export const defaultGradePriors: GradePriors = {
  byModel: {
    'claude-haiku-4-5': {
      'parallel.single': 0.58,
      'parallel.fanOut': 1,
      'serial.single': 0.23,
      'serial.fanOut': 0.55,
      'longSerial.single': 1,
      'longSerial.fanOut': 1,
    },
    'claude-sonnet-4-6': {},
    'claude-opus-4-6': {},
  },
  unknown: 1,
  source: 'pnpm --filter @bursar/bench budget-fit --train (the budget sweep tasks)',
};

/**
 * The kind of work a task is, from its plan when it has one, else its triage.
 * Without either, `serial`: the cautious reading (weak models do worst there).
 *
 * @example
 * ```ts
 * workKindOf(plan, triage); // 'parallel'
 * ```
 */
export function workKindOf(plan: TaskPlan | undefined, triage: Triage | undefined): WorkKind {
  if (plan !== undefined && plan.subtasks.length > 0) {
    if (planWidth(plan) >= 2) return 'parallel';
    return plan.subtasks.length > serialPlanThreshold ? 'longSerial' : 'serial';
  }
  if (triage !== undefined) {
    if (triage.parallelizable) return 'parallel';
    return triage.subtasks > serialPlanThreshold ? 'longSerial' : 'serial';
  }
  return 'serial';
}

/**
 * The expected grade of running `kind` work with `model` in `shape`.
 *
 * @example
 * ```ts
 * expectedGrade(defaultGradePriors, 'claude-haiku-4-5', 'serial', 'single'); // 0.23
 * ```
 */
export function expectedGrade(
  priors: GradePriors,
  model: string,
  kind: WorkKind,
  shape: WorkShape,
): number {
  return priors.byModel[model]?.[`${kind}.${shape}`] ?? priors.unknown;
}
