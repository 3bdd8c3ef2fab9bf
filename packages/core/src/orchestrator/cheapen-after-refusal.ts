import type { Budget } from '../budget/budget';
import {
  planDegradation,
  type DegradationAction,
  type LadderOptions,
} from '../budget/degradation-ladder';
import type { PlannedStep } from '../budget/work-plan';

/** A cheaper way to go on after a refusal, and the ladder's actions that gave it. */
export interface CheaperSettings {
  readonly model: string;
  readonly maxTokens: number;
  readonly actions: readonly DegradationAction[];
  readonly reason: string;
}

/**
 * After an agent's reservation was refused with nothing else running: the
 * ladder's downgrade and output cap for its step, so it can go on cheaper
 * instead of stopping. Undefined when neither lowers the step's cost.
 */
export function cheapenAfterRefusal(
  budget: Budget,
  step: PlannedStep,
  ladder: LadderOptions,
): CheaperSettings | undefined {
  const decision = planDegradation(
    budget.snapshot(),
    { steps: [step] },
    {
      ...ladder,
      priceTable: budget.priceTable,
      order: ['downgrade', 'cap-output'],
      allowed: 'all',
      target: 0.95,
    },
  );
  const [degraded] = decision.plan.steps;
  if (decision.actions.length === 0 || degraded === undefined) return undefined;
  return {
    model: degraded.model,
    maxTokens: degraded.maxTokens,
    actions: decision.actions,
    reason: `a reservation was refused; ${decision.reason}`,
  };
}
