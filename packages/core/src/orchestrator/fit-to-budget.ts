import { degradationKinds } from '../budget/degradation-ladder';
import { fitConfiguration } from './fit-configuration';
import { defaultGradePriors, workKindOf } from './grade-priors';
import type { ShapeDecision } from './task-checkpoint';
import type { TaskPlan } from './task-plan';
import type { TaskRun } from './task-run';
import { defaultWorkEstimates } from './work-estimates';

/**
 * The shape decision, with the configuration budget-fit planning chose for
 * the working agents ({@link fitConfiguration}) when the task's own does not
 * fit its budget; a `plan` decision in the report says what changed and why.
 * Without a dollar limit, or with a router (it chooses the models), nothing
 * is planned.
 *
 * @example
 * ```ts
 * run.decision = fitToBudget(run, decideShape(input), plan);
 * ```
 * @internal
 */
export function fitToBudget(
  run: TaskRun,
  shaped: ShapeDecision,
  plan: TaskPlan | undefined,
): ShapeDecision {
  const { settings, options } = run;
  const snapshot = settings.budget.snapshot();
  if (snapshot.limit.usd === undefined || options.router !== undefined) return shaped;
  const allowed = run.ladder.order ?? degradationKinds;
  const fitted = fitConfiguration({
    task: options.task,
    prefixTokens: run.prefixTokens,
    estimates: { ...defaultWorkEstimates, ...options.estimates },
    lane: run.taskLane,
    latencyTolerant: run.latencyTolerant(),
    maxAgents: Math.max(0, settings.maxAgents - settings.nesting.counter.used),
    current: {
      shape: shaped.shape,
      workModel: settings.models.work,
      synthesizeModel: settings.models.synthesize,
      prune: false,
      maxTokens: settings.maxTokens,
    },
    plan,
    kind: workKindOf(plan, run.triage),
    snapshot,
    priceTable: settings.budget.priceTable,
    priors: options.priors ?? defaultGradePriors,
    open: {
      shape: settings.requested === 'auto',
      models: options.models?.work === undefined,
      prune: options.context?.prune === undefined,
    },
    models: run.ladder.modelTiers ?? [],
    minOutputTokens: settings.minOutputTokens ?? Math.min(256, settings.maxTokens),
    allowed,
  });
  if (fitted.chosen === fitted.current) return shaped;
  const { chosen } = fitted;
  run.decide('plan', fitted.reason, fitted.current.peak, fitted.chosen.peak);
  return {
    ...shaped,
    shape: chosen.shape,
    reason:
      chosen.shape === shaped.shape
        ? shaped.reason
        : `${chosen.shape}, planned for the budget (${shaped.shape} was ${shaped.reason})`,
    configuration: {
      shape: chosen.shape,
      workModel: chosen.workModel,
      synthesizeModel: chosen.synthesizeModel,
      prune: chosen.prune,
      maxTokens: chosen.maxTokens,
    },
  };
}
