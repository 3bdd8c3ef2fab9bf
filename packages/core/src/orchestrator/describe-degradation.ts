import { defaultQualityLoss, type DegradationKind } from '../budget/degradation-ladder';
import type { TaskReport } from '../report/task-report';
import type { TaskDegradation } from './run-task-options';

// Decisions that change the work's expected quality; the others (shape, lane,
// escalate, prune, batch) keep it or raise it.
const lossy: readonly DegradationKind[] = ['downgrade', 'cap-output', 'collapse', 'stop'];

/**
 * What a task traded to fit its budget, read from its report: the models each
 * agent ran on, the decisions that changed the work, and the expected grade
 * lost. Undefined when nothing was traded.
 *
 * @example
 * ```ts
 * describeDegradation(report, 0.42)?.expectedGradeLost; // 0.57 after one downgrade
 * ```
 */
export function describeDegradation(
  report: TaskReport,
  plannedLoss: number,
): TaskDegradation | undefined {
  const models: Record<string, string[]> = {};
  for (const entry of report.timeline) {
    const seen = (models[entry.agent] ??= []);
    if (!seen.includes(entry.model)) seen.push(entry.model);
  }
  const decisions = report.decisions.filter(
    (decision) => decision.kind === 'plan' || lossy.includes(decision.kind as DegradationKind),
  );
  const ladderLoss = decisions.reduce(
    (sum, decision) =>
      sum + ((defaultQualityLoss as Partial<Record<string, number>>)[decision.kind] ?? 0),
    0,
  );
  const downgraded = Object.values(models).some((used) => used.length > 1);
  if (decisions.length === 0 && !downgraded && plannedLoss === 0) return undefined;
  return {
    models,
    decisions,
    expectedGradeLost: Math.min(1, Math.round((plannedLoss + ladderLoss) * 100) / 100),
  };
}

/**
 * A failed task's reason as one line for its report: the error's message
 * (which names its cause), or what was thrown.
 *
 * @example
 * ```ts
 * describeFailure(new Error('Call failed after 3 attempts: ECONNREFUSED')); // 'Error: Call failed after 3 attempts: ECONNREFUSED'
 * ```
 */
export function describeFailure(error: unknown): string {
  if (error instanceof Error) return `${error.name}: ${error.message}`;
  return String(error);
}
