import { createRouter, type RoutingRule } from '@bursar/core';
import type { WorkloadStep } from '@bursar/simulator';
import type { EvalTask } from './eval-tasks';
import type { RoutingPolicy } from './run-routed-task';

/** The tiers of the eval, cheapest first (the router's defaults). */
export const evalTiers = ['claude-haiku-4-5', 'claude-sonnet-4-6', 'claude-opus-4-6'] as const;

const [cheap, mid, top] = evalTiers;

/** The tier index of a workload step's `minimumLine` (the eval's tasks use these three). */
const rankOfLine: Readonly<Record<string, number>> = { haiku: 0, sonnet: 1, opus: 2 };

/** The oracle's minimum: each step's own line; the synthesis needs the highest of its task. */
function oracleMinimum(task: EvalTask, step: WorkloadStep | undefined): string | undefined {
  const lines =
    step === undefined ? task.task.steps.map((each) => each.minimumLine) : [step.minimumLine];
  return evalTiers[Math.max(0, ...lines.map((line) => rankOfLine[line] ?? 2))];
}

/**
 * The fixed policies: every step on one tier; a cascade that starts on the
 * cheapest and escalates on a detected loop, a missing answer or a synthesis
 * that drops findings; and an oracle that knows each step's `minimumLine`
 * (a lower bound no real router has, passed as the step's minimum).
 *
 * @example
 * ```ts
 * for (const policy of fixedPolicies()) await runRoutedTask(task, policy, context, grade);
 * ```
 */
export function fixedPolicies(): RoutingPolicy[] {
  const always = (name: string, model: string): RoutingPolicy => {
    const router = createRouter({ defaultModel: model });
    return { name, routerFor: () => router, escalates: false };
  };
  const cascade = createRouter({ defaultModel: cheap });
  return [
    always('always top (opus 4.6)', top),
    always('always mid (sonnet 4.6)', mid),
    always('always cheap (haiku 4.5)', cheap),
    {
      name: 'cascade, strict synthesis check',
      routerFor: () => cascade,
      escalates: true,
      synthesisCheck: 'all',
    },
    {
      name: 'cascade, leaf synthesis check',
      routerFor: () => cascade,
      escalates: true,
      synthesisCheck: 'leaves',
    },
    {
      name: 'oracle (each step at its minimumLine)',
      routerFor: () => cascade,
      escalates: false,
      minimumOf: oracleMinimum,
    },
  ];
}

/**
 * A learned-thresholds policy: per workload, the rules `learnRules` found on
 * the training split; a step no rule matches goes to the middle tier.
 * With `escalates`, a failed try also climbs as the cascade's do.
 *
 * @example
 * ```ts
 * learnedPolicy('learned (0.9)', learnRules(observations, { tiers, threshold: 0.9, minSamples: 2 }), false);
 * ```
 */
export function learnedPolicy(
  name: string,
  rules: ReadonlyMap<string, readonly RoutingRule[]>,
  escalates: boolean,
  synthesisCheck: 'all' | 'leaves' = 'all',
): RoutingPolicy {
  const routers = new Map(
    [...rules].map(([workload, list]) => [
      workload,
      createRouter({ defaultModel: mid, rules: list }),
    ]),
  );
  const fallback = createRouter({ defaultModel: mid });
  return {
    name,
    routerFor: (workload) => routers.get(workload) ?? fallback,
    escalates,
    synthesisCheck,
  };
}
