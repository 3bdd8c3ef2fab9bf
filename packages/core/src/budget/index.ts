export {
  Budget,
  createBudget,
  type BudgetLimit,
  type BudgetOptions,
  type BudgetSnapshot,
  type ReserveResult,
} from './budget';
export { Reservation } from './reservation';
export type { Amount, BudgetEvent, BudgetEventListener } from './budget-events';
export { BudgetExceededError } from './budget-exceeded-error';
export { worstCaseCost, type CallEnvelope } from './call-bound';
export { fitOutputCap } from './fit-output-cap';
export {
  applyAction,
  defaultModelTiers,
  defaultQualityLoss,
  degradationKinds,
  planDegradation,
  type DegradationAction,
  type DegradationDecision,
  type DegradationKind,
  type LadderOptions,
} from './degradation-ladder';
export { Governor, createGovernor, type Assessment, type GovernorOptions } from './governor';
export { pressureOf, type PressureLevel, type PressureThresholds } from './pressure';
export { forecastStep, project, type Projection } from './projection';
export type { PlannedStep, WorkPlan } from './work-plan';
export { planPeak, stepPeak } from './peak-commitment';
