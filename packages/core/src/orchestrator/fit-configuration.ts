import type { BudgetSnapshot } from '../budget/budget';
import { applyAction, type DegradationKind } from '../budget/degradation-ladder';
import { planPeak } from '../budget/peak-commitment';
import { project } from '../budget/projection';
import type { WorkPlan } from '../budget/work-plan';
import { formatUsd } from '../money/format-usd';
import type { Nanodollars } from '../money/nanodollars';
import type { PriceTable } from '../pricing/price-table';
import { expectedGrade, type GradePriors, type WorkKind } from './grade-priors';
import type { TaskPlan } from './task-plan';
import { fanOutPlan, singlePlan, type ShapePlanInput } from './work-estimates';

/** How the working agents of a task run: what the planner chooses. */
export interface TaskConfiguration {
  readonly shape: 'single' | 'fanOut';
  /** The model of the single agent or of each subagent. */
  readonly workModel: string;
  readonly synthesizeModel: string;
  /** Whether working agents prune used tool results. */
  readonly prune: boolean;
  /** `max_tokens` of each working turn (the task's: under pressure the ladder caps turns, not the planner). */
  readonly maxTokens: number;
}

/** A configuration as priced. */
export interface PricedConfiguration extends TaskConfiguration {
  readonly expectedCost: Nanodollars;
  /** Spent and held now, plus the plan's peak commitment. */
  readonly peak: Nanodollars;
  readonly expectedGrade: number;
}

/** What {@link fitConfiguration} chooses from, and what binds it. */
export interface FitConfigurationInput extends Omit<
  ShapePlanInput,
  'subtasks' | 'model' | 'synthesizeModel' | 'maxTokens'
> {
  /** The configuration the task would run without planning (its options and defaults). */
  readonly current: TaskConfiguration;
  readonly plan: TaskPlan | undefined;
  readonly kind: WorkKind;
  readonly snapshot: BudgetSnapshot;
  readonly priceTable: PriceTable;
  readonly priors: GradePriors;
  /** What the user left open: only these change. */
  readonly open: {
    readonly shape: boolean;
    readonly models: boolean;
    readonly prune: boolean;
  };
  /** Models the planner may use, cheapest first (the ladder's tiers). */
  readonly models: readonly string[];
  /** The smallest output cap a working turn may take: the peak is priced at it when the ladder may cap output. */
  readonly minOutputTokens: number;
  /** The ladder's steps: a change the ladder may not make, the planner does not make either. */
  readonly allowed: readonly DegradationKind[];
}

/** The choice, and why. */
export interface FittedConfiguration {
  readonly chosen: PricedConfiguration;
  readonly current: PricedConfiguration;
  readonly candidates: number;
  readonly reason: string;
}

/**
 * The share of what is left that a configuration's peak may take: the rest is
 * the margin for concurrent holds and for work the forecast did not see.
 */
export const peakMargin = 0.9;

/**
 * Below this share of what is left, the task's own configuration is kept as
 * asked: the forecast is a prior (it underestimated long tool loops by more
 * than half on the bench), so only a budget with this much room is trusted
 * to hold it unchanged.
 */
export const roomyShare = 0.5;

/**
 * Budget-fit planning: prices every configuration the user left open (shape,
 * model of the work, pruning) by expected cost, peak commitment (at the
 * smallest output cap the ladder may take a turn down to)
 * and expected grade (the priors), and returns the one with the highest
 * expected grade whose peak fits 90% of what is left ({@link peakMargin}),
 * the cheapest among equals. When the task's own configuration peaks under
 * half of what is left ({@link roomyShare}), it is kept: nothing changes for
 * a budget with room. When none fits, the one with
 * the highest expected grade whose expected cost fits (an agent stopped late
 * by the limit answers with what it found), else the cheapest.
 *
 * @example
 * ```ts
 * const fitted = fitConfiguration({ current, plan, kind: 'parallel', snapshot, priceTable, priors: defaultGradePriors, ... });
 * if (fitted.chosen !== fitted.current) console.log(fitted.reason);
 * ```
 */
export function fitConfiguration(input: FitConfigurationInput): FittedConfiguration {
  const available =
    input.snapshot.limit.usd === undefined
      ? Number.MAX_SAFE_INTEGER
      : input.snapshot.limit.usd - input.snapshot.spent.usd - input.snapshot.reserved.usd;
  const committed = input.snapshot.spent.usd + input.snapshot.reserved.usd;
  const price = (configuration: TaskConfiguration): PricedConfiguration => {
    const plan = workPlan(input, configuration);
    const projection = project(input.snapshot, plan, { priceTable: input.priceTable });
    // Under pressure a turn is held at the largest output cap that fits, down
    // to the floor: the peak that decides is the one at the floor cap.
    const floorPlan = input.allowed.includes('cap-output')
      ? workPlan(input, {
          ...configuration,
          maxTokens: Math.min(configuration.maxTokens, input.minOutputTokens),
        })
      : plan;
    const grade =
      configuration.shape === 'single'
        ? expectedGrade(input.priors, configuration.workModel, input.kind, 'single')
        : Math.min(
            expectedGrade(input.priors, configuration.workModel, input.kind, 'fanOut'),
            expectedGrade(input.priors, configuration.synthesizeModel, input.kind, 'fanOut'),
          );
    return {
      ...configuration,
      expectedCost: projection.forecast,
      peak: committed + planPeak(floorPlan, input.priceTable),
      expectedGrade: grade,
    };
  };
  const current = price(input.current);
  const fitsPeak = (candidate: PricedConfiguration): boolean =>
    candidate.peak - committed <= available * peakMargin;
  const fitsCost = (candidate: PricedConfiguration): boolean =>
    candidate.expectedCost <= available * peakMargin;
  const best = (pool: readonly PricedConfiguration[]): PricedConfiguration | undefined =>
    [...pool].sort(
      (left, right) =>
        right.expectedGrade - left.expectedGrade || left.expectedCost - right.expectedCost,
    )[0];
  const describe = (candidate: PricedConfiguration): string =>
    `${candidate.shape} on ${candidate.workModel}${candidate.prune ? ', pruning' : ''}: expected ${usd(candidate.expectedCost)}, peak ${usd(candidate.peak - committed)}, grade ${candidate.expectedGrade.toFixed(2)}`;
  const room = `${usd(available)} left`;
  const roomy = current.peak - committed <= available * roomyShare;
  // Priced only when needed: a fan-out of thousands is a plan of thousands of steps.
  if (roomy)
    return {
      chosen: current,
      current,
      candidates: 1,
      reason: `as asked: ${describe(current)} fits ${room}`,
    };
  const candidates = enumerate(input).map(price);
  const fitting = best(candidates.filter(fitsPeak));
  if (fitting !== undefined)
    return {
      chosen: fitting,
      current,
      candidates: candidates.length,
      reason: `${describe(fitting)}: the best expected grade whose peak fits ${room}, the cheapest of those (as asked: peak ${usd(current.peak - committed)}, grade ${current.expectedGrade.toFixed(2)})`,
    };
  const affordable = best(candidates.filter(fitsCost));
  if (affordable !== undefined)
    return {
      chosen: affordable,
      current,
      candidates: candidates.length,
      reason: `${describe(affordable)}: no peak fits ${room}; the best expected grade whose expected cost does`,
    };
  const cheapest =
    [...candidates].sort((left, right) => left.expectedCost - right.expectedCost)[0] ?? current;
  return {
    chosen: cheapest,
    current,
    candidates: candidates.length,
    reason: `${describe(cheapest)}: nothing fits ${room}; the cheapest, which goes furthest`,
  };
}

function enumerate(input: FitConfigurationInput): TaskConfiguration[] {
  const { current, open, allowed } = input;
  const canFanOut = input.plan !== undefined && input.plan.subtasks.length >= 2;
  const shapes: TaskConfiguration['shape'][] = open.shape
    ? canFanOut
      ? ['single', 'fanOut']
      : ['single']
    : [current.shape];
  const models =
    open.models && allowed.includes('downgrade')
      ? [...new Set([...input.models, current.workModel])]
      : [current.workModel];
  const prunes = open.prune && allowed.includes('prune') ? [false, true] : [current.prune];
  const configurations: TaskConfiguration[] = [];
  for (const shape of shapes)
    for (const workModel of models)
      for (const prune of prunes)
        configurations.push({
          shape,
          workModel,
          // The synthesis follows the work model unless the user set it.
          synthesizeModel: open.models ? workModel : current.synthesizeModel,
          prune,
          maxTokens: current.maxTokens,
        });
  return configurations;
}

function workPlan(input: FitConfigurationInput, configuration: TaskConfiguration): WorkPlan {
  const subtasks = input.plan?.subtasks ?? [{ id: 'task', question: input.task, dependsOn: [] }];
  const shapeInput: ShapePlanInput = {
    ...input,
    subtasks,
    model: configuration.workModel,
    synthesizeModel: configuration.synthesizeModel,
    maxTokens: configuration.maxTokens,
  };
  const plan = configuration.shape === 'single' ? singlePlan(shapeInput) : fanOutPlan(shapeInput);
  if (!configuration.prune) return plan;
  const working = plan.steps.filter((step) => step.id !== 'synthesize').map((step) => step.id);
  return applyAction(plan, { kind: 'prune', steps: working });
}

function usd(amount: Nanodollars): string {
  return formatUsd(Math.max(0, amount), { maxDecimals: 4 });
}
