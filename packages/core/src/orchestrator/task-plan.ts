/** How a task runs: one agent, subagents in parallel, or the orchestrator's choice. */
export type TaskShape = 'single' | 'fanOut';

/** The shape a caller asks for: a fixed one, or `auto` (the governor prices both). */
export type RequestedShape = 'auto' | TaskShape;

/** What the triage model judged of a task. Untrusted model output, parsed and clamped. */
export interface Triage {
  readonly size: 'small' | 'large';
  /** Whether parts of the work can run at the same time. */
  readonly parallelizable: boolean;
  /** How many subtasks the triage model expects. */
  readonly subtasks: number;
}

/** One subtask of a plan. */
export interface Subtask {
  readonly id: string;
  /** What the subagent is asked, verbatim. */
  readonly question: string;
  /** Ids of subtasks whose findings it needs. */
  readonly dependsOn: readonly string[];
}

/** The planner's subtasks, a DAG. */
export interface TaskPlan {
  readonly subtasks: readonly Subtask[];
}

/**
 * The widest set of subtasks that can run at once (the DAG's largest level),
 * so a chain is 1 and independent subtasks are their count.
 */
export function planWidth(plan: TaskPlan): number {
  const level = new Map<string, number>();
  const byId = new Map(plan.subtasks.map((subtask) => [subtask.id, subtask]));
  const depth = (id: string, seen: Set<string>): number => {
    const known = level.get(id);
    if (known !== undefined) return known;
    const subtask = byId.get(id);
    if (subtask === undefined || seen.has(id)) return 0;
    seen.add(id);
    const value =
      subtask.dependsOn.length === 0
        ? 0
        : 1 + Math.max(...subtask.dependsOn.map((dependency) => depth(dependency, seen)));
    level.set(id, value);
    return value;
  };
  const counts = new Map<number, number>();
  for (const subtask of plan.subtasks) {
    const value = depth(subtask.id, new Set());
    counts.set(value, (counts.get(value) ?? 0) + 1);
  }
  return Math.max(0, ...counts.values());
}
