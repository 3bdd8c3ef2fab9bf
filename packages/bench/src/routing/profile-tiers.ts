import { createRouter } from '@bursar/core';
import { questionTemplate } from './question-template';
import type { TierObservation } from './learn-thresholds';
import type { EvalTask } from './eval-tasks';
import { runRoutedTask } from './run-routed-task';
import { trySynthesis, type AgentContext } from './step-agents';

/** What profiling the training split measured, and what it cost. */
export interface TierProfile {
  readonly observations: readonly TierObservation[];
  /** Nano-dollars of every training call. */
  readonly cost: number;
}

/**
 * Measures every tier on the training split: each task's subagents on each
 * tier (a grade per step: the share of its facts in the answer), and the
 * synthesis on each tier from the top tier's reports (so a synthesis is
 * judged on reports that hold every fact), graded by the simulator.
 *
 * @example
 * ```ts
 * const profile = await profileTiers(train, tiers, context, grade);
 * ```
 */
export async function profileTiers(
  tasks: readonly EvalTask[],
  tiers: readonly string[],
  context: AgentContext,
  grade: (taskId: string, text: string) => number,
): Promise<TierProfile> {
  const observations: TierObservation[] = [];
  let cost = 0;
  for (const evalTask of tasks) {
    const workload = evalTask.workload.id;
    let topReports: { question: string; text: string }[] = [];
    for (const tier of tiers) {
      const record = await runRoutedTask(
        evalTask,
        { name: tier, routerFor: () => createRouter({ defaultModel: tier }), escalates: false },
        context,
        grade,
      );
      // The synthesis of this run is not kept: it is measured below on the top tier's reports.
      cost += record.cost;
      for (const step of record.steps) {
        const question = evalTask.task.steps.find((each) => each.id === step.id)?.question ?? '';
        observations.push({
          workload,
          role: 'subagent',
          template: questionTemplate(question),
          model: tier,
          grade: step.grade,
        });
      }
      topReports = record.steps.map((step) => ({
        question: evalTask.task.steps.find((each) => each.id === step.id)?.question ?? '',
        text: step.tries.at(-1)?.text ?? '',
      }));
    }
    for (const tier of tiers) {
      const attempt = await trySynthesis({
        context,
        workload: evalTask.workload,
        task: evalTask.task.prompt,
        reports: topReports,
        model: tier,
        name: `${evalTask.task.id}/synthesize`,
      });
      cost += attempt.cost;
      observations.push({
        workload,
        role: 'synthesize',
        template: undefined,
        model: tier,
        grade: grade(evalTask.task.id, attempt.text),
      });
    }
  }
  return { observations, cost };
}
