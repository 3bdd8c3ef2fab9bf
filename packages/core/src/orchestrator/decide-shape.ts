import type { BudgetSnapshot } from '../budget/budget';
import { project } from '../budget/projection';
import type { Nanodollars } from '../money/nanodollars';
import { formatUsd } from '../money/format-usd';
import type { PriceTable } from '../pricing/price-table';
import type { ShapeDecision } from './task-checkpoint';
import { planWidth, type RequestedShape, type TaskPlan } from './task-plan';
import { fanOutPlan, singlePlan, type ShapePlanInput } from './work-estimates';

/** What {@link decideShape} weighs. */
export interface ShapeChoiceInput extends Omit<ShapePlanInput, 'subtasks'> {
  readonly requested: RequestedShape;
  /** The planner's subtasks; undefined when triage judged the task not worth a plan, or the plan was malformed. */
  readonly plan: TaskPlan | undefined;
  /** Why there is no plan, for the reason. */
  readonly noPlanReason?: string;
  readonly snapshot: BudgetSnapshot;
  readonly priceTable: PriceTable;
  /**
   * How much dearer than a single agent a fan-out may be projected, as a
   * share (0.1 = 10%), the price of its wall time.
   */
  readonly maxFanOutPremium: number;
}

/**
 * The orchestrator's `decide` step, a pure function: prices one agent against
 * a fan-out on the governor's forecast and picks. Parallel work (two subtasks
 * or more that can run at once) fans out when the budget holds it and it is
 * projected to cost at most `maxFanOutPremium` more than a single agent (the
 * price of its wall time); sequential work fans out only when isolated
 * contexts are projected cheaper than one growing one. The reason says which
 * rule decided, with both projections.
 *
 * @example
 * ```ts
 * const decision = decideShape({ requested: 'auto', plan, snapshot: budget.snapshot(), priceTable, ... });
 * decision.shape; // 'fanOut'
 * decision.reason; // 'parallel: 4 of 4 subtasks can run at once; fan-out projected $0.021 against $0.034 single'
 * ```
 */
export function decideShape(input: ShapeChoiceInput): ShapeDecision {
  const plan = input.plan;
  if (input.requested === 'single' || plan === undefined || plan.subtasks.length < 2) {
    const reason =
      input.requested === 'single'
        ? 'asked for a single agent'
        : plan === undefined
          ? (input.noPlanReason ?? 'no usable plan')
          : 'the plan has one subtask';
    return { shape: 'single', reason, projectedSingle: undefined, projectedFanOut: undefined };
  }
  const shapeInput = { ...input, subtasks: plan.subtasks };
  const options = { priceTable: input.priceTable };
  const singleProjection = project(input.snapshot, singlePlan(shapeInput), options);
  const fanOutProjection = project(input.snapshot, fanOutPlan(shapeInput), options);
  // Totals (spent and held included) for the budget; forecasts of the work
  // still to do for the comparison, since what is spent is spent either way.
  const single = singleProjection.total;
  const fanOut = fanOutProjection.total;
  const singleWork = singleProjection.forecast;
  const fanOutWork = fanOutProjection.forecast;
  const both = `fan-out projected ${usd(fanOut)} against ${usd(single)} single`;
  const decided = (shape: 'single' | 'fanOut', reason: string): ShapeDecision => ({
    shape,
    reason: `${reason}; ${both}`,
    projectedSingle: single,
    projectedFanOut: fanOut,
  });
  if (input.requested === 'fanOut') return decided('fanOut', 'asked for a fan-out');

  const width = planWidth(plan);
  const limit = input.snapshot.limit.usd;
  if (width < 2) {
    // Sequential work gains no time from subagents, but isolated contexts can
    // still cost less than one context carrying every result.
    return fanOutWork < singleWork && (limit === undefined || fanOut <= limit)
      ? decided(
          'fanOut',
          'sequential, but isolated contexts are projected cheaper than one growing context',
        )
      : decided(
          'single',
          'sequential: no two subtasks can run at once, and one context is cheaper',
        );
  }
  if (limit !== undefined && fanOut > limit && single <= limit)
    return decided('single', 'the budget holds a single agent but not a fan-out');
  // Compared in integers: fanOut <= single * (1 + premium), premium in basis points.
  const premiumBasisPoints = Math.round(input.maxFanOutPremium * 10_000);
  if (fanOutWork * 10_000 > singleWork * (10_000 + premiumBasisPoints))
    return decided(
      'single',
      `a fan-out would cost more than ${String(Math.round(input.maxFanOutPremium * 100))}% over a single agent`,
    );
  return decided(
    'fanOut',
    `parallel: ${String(width)} of ${String(plan.subtasks.length)} subtasks can run at once`,
  );
}

function usd(amount: Nanodollars): string {
  return formatUsd(amount, { maxDecimals: 4 });
}
