import type { RouteRole, Router } from '@bursar/core';
import type { WorkloadStep } from '@bursar/simulator';
import { orderedSteps, stepGrade, type EvalTask } from './eval-tasks';
import { trySubagent, trySynthesis, type AgentContext, type StepTry } from './step-agents';

/** A routing policy as the eval runs it: a router, and whether failed tries escalate. */
export interface RoutingPolicy {
  readonly name: string;
  /** The router for a task of this workload (learned policies learn one per workload). */
  readonly routerFor: (workloadId: string) => Router;
  /** Whether a try the checks fail is run again one tier up (a cascade). */
  readonly escalates: boolean;
  /**
   * Which reports the synthesis check holds the answer to: `all` (every
   * finding reported) or `leaves` (the findings of subtasks nothing else
   * builds on: the plan's end products). @default 'all'
   */
  readonly synthesisCheck?: 'all' | 'leaves';
  /** The step's minimum the policy declares, passed to `route` (the oracle's only knowledge). */
  readonly minimumOf?: (task: EvalTask, step: WorkloadStep | undefined) => string | undefined;
}

/** One step of a task under a policy: every try, the kept answer and its grade. */
export interface StepRecord {
  readonly id: string;
  readonly role: RouteRole;
  readonly minimumLine: string | undefined;
  readonly reason: string;
  readonly tries: readonly StepTry[];
  /** Share of the step's facts in the kept answer (subagents; the task grade for the synthesis). */
  readonly grade: number;
}

/** One task under a policy. */
export interface TaskRecord {
  readonly taskId: string;
  readonly workload: string;
  readonly steps: readonly StepRecord[];
  readonly synthesis: StepRecord;
  /** The simulator's grade of the final answer, 0 to 1. */
  readonly grade: number;
  /** Nano-dollars of every try, the failed ones included. */
  readonly cost: number;
}

/**
 * Tries a step on the routed model; when the policy escalates and the checks
 * fail a try, runs it again on the router's next tier, until one passes or
 * the top tier has tried. The last try's answer is kept; every try's cost
 * stays in the budget's ledger (and the simulator's invoice).
 */
async function routed(
  policy: RoutingPolicy,
  router: Router,
  request: { role: RouteRole; text: string; minimumModel: string | undefined },
  run: (model: string) => Promise<StepTry>,
): Promise<{ tries: StepTry[]; reason: string }> {
  const decision = router.route({
    role: request.role,
    text: request.text,
    attempt: 0,
    ...(request.minimumModel === undefined ? {} : { minimumModel: request.minimumModel }),
  });
  const tries = [await run(decision.model)];
  const reasons = [decision.reason];
  for (;;) {
    const last = tries.at(-1);
    if (!policy.escalates || last?.failure === undefined) break;
    const next = router.escalate(last.model, last.failure);
    if (next === undefined) break;
    reasons.push(next.reason);
    tries.push(await run(next.model));
  }
  return { tries, reason: reasons.join(' | ') };
}

/**
 * Runs one task under a policy, as `runTask({ subtasks })` would with the
 * router wired in: one subagent per step in dependency order (each with its
 * dependencies' findings), then a synthesis from the reports, graded by the
 * simulator.
 *
 * @example
 * ```ts
 * const record = await runRoutedTask(task, policy, { client, budget }, (id, text) => simulator.grade(id, text).score);
 * ```
 */
export async function runRoutedTask(
  evalTask: EvalTask,
  policy: RoutingPolicy,
  context: AgentContext,
  grade: (taskId: string, text: string) => number,
): Promise<TaskRecord> {
  const { workload, task } = evalTask;
  const router = policy.routerFor(workload.id);
  const reports = new Map<string, string>();
  const steps: StepRecord[] = [];
  for (const step of orderedSteps(task)) {
    const findings = step.dependsOn.flatMap((id) => {
      const report = reports.get(id);
      return report === undefined ? [] : [report];
    });
    const { tries, reason } = await routed(
      policy,
      router,
      { role: 'subagent', text: step.question, minimumModel: policy.minimumOf?.(evalTask, step) },
      (model) =>
        trySubagent({
          context,
          workload,
          question: step.question,
          findings,
          model,
          name: `${task.id}/${step.id}`,
        }),
    );
    const text = tries.at(-1)?.text ?? '';
    reports.set(step.id, text);
    steps.push({
      id: step.id,
      role: 'subagent',
      minimumLine: step.minimumLine,
      reason,
      tries,
      grade: stepGrade(step, text),
    });
  }
  const { tries, reason } = await routed(
    policy,
    router,
    {
      role: 'synthesize',
      text: task.prompt,
      minimumModel: policy.minimumOf?.(evalTask, undefined),
    },
    (model) =>
      trySynthesis({
        context,
        workload,
        task: task.prompt,
        reports: orderedSteps(task).map((step) => ({
          question: step.question,
          text: reports.get(step.id) ?? '',
        })),
        checked: orderedSteps(task)
          .filter(
            (step) =>
              policy.synthesisCheck !== 'leaves' ||
              !task.steps.some((other) => other.dependsOn.includes(step.id)),
          )
          .map((step) => reports.get(step.id) ?? ''),
        model,
        name: `${task.id}/synthesize`,
      }),
  );
  const answer = tries.at(-1)?.text ?? '';
  const taskGrade = grade(task.id, answer);
  const synthesis: StepRecord = {
    id: 'synthesize',
    role: 'synthesize',
    minimumLine: undefined,
    reason,
    tries,
    grade: taskGrade,
  };
  const cost = [...steps, synthesis]
    .flatMap((record) => record.tries)
    .reduce((sum, each) => sum + each.cost, 0);
  return { taskId: task.id, workload: workload.id, steps, synthesis, grade: taskGrade, cost };
}
