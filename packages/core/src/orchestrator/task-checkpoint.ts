import type { ModelMessage } from '../model/model-request';
import type { TaskConfiguration } from './fit-configuration';
import type { Nanodollars } from '../money/nanodollars';
import type { ReportAgent } from '../report/build-task-report';
import type { LedgerEntry } from '../report/task-ledger';
import type { ReportDecision } from '../report/task-report';
import type { RequestedShape, TaskPlan, TaskShape, Triage } from './task-plan';

/** How a finished piece of work ended, kept so a resumed run does not pay for it again. */
export interface WorkOutcome {
  readonly status: string;
  readonly text: string;
  readonly model: string;
}

/**
 * A call's hold, written to the checkpoint before the call is sent. While it
 * is there the call's outcome is unknown: a run that resumes from this
 * checkpoint counts it as spent at its worst case.
 */
export interface OpenHold {
  readonly reservation: string;
  readonly agent: string;
  readonly label: string;
  /** The hold's worst case, nano-dollars. */
  readonly worstCase: Nanodollars;
}

/** A working agent's conversation at its last settled turn, so a resumed run continues it. */
export interface AgentConversation {
  readonly messages: readonly ModelMessage[];
  readonly turns: number;
  /** Set once the agent answered: a resumed run takes the answer and calls nothing. */
  readonly answer?: string;
}

/** The shape decision as it was made, with both projections when priced. */
export interface ShapeDecision {
  readonly shape: TaskShape;
  readonly reason: string;
  readonly projectedSingle: Nanodollars | undefined;
  readonly projectedFanOut: Nanodollars | undefined;
  /** The configuration budget-fit planning chose for the working agents, when it planned. */
  readonly configuration?: TaskConfiguration;
}

/**
 * A task's state after its last settled step: enough to resume without paying
 * again for finished work, and the whole ledger so far. Plain JSON.
 */
export interface TaskCheckpoint {
  readonly format: 'bursar-task/v1';
  readonly taskId: string;
  readonly task: string;
  readonly requestedShape: RequestedShape;
  /** The task's limit in nano-dollars, as first given. */
  readonly limit: Nanodollars | undefined;
  /** ms on the task's clock when it first started. */
  readonly startedAt: number;
  readonly triage: Triage | undefined;
  readonly plan: TaskPlan | undefined;
  readonly decision: ShapeDecision | undefined;
  /** Finished subtasks by id. */
  readonly subtasks: Readonly<Record<string, WorkOutcome>>;
  /** Subtasks a collapse handed to one continuing agent. */
  readonly merged: readonly string[];
  /** The single agent's, the continuation's or the synthesis's outcome, once settled. */
  readonly final: WorkOutcome | undefined;
  /** Set once the task ended. */
  readonly status: string | undefined;
  readonly ledger: readonly LedgerEntry[];
  readonly decisions: readonly ReportDecision[];
  readonly agents: readonly ReportAgent[];
  /** Holds of calls sent and not yet settled when this was saved (write-ahead). */
  readonly holds?: readonly OpenHold[];
  /** Holds an earlier run left open (it stopped mid-call): counted as spent at their worst case. */
  readonly unreconciled?: readonly OpenHold[];
  /** Working agents' conversations at their last settled turn, by agent name. */
  readonly conversations?: Readonly<Record<string, AgentConversation>>;
}

/**
 * What a checkpoint's task may already have cost at most: its ledger, plus
 * every hold whose outcome is unknown (sent before a crash, never settled) at
 * its worst case. A resumed run's limit is the original limit less this, so
 * the invoice across a crash never passes the limit.
 *
 * @example
 * ```ts
 * const left = checkpoint.limit === undefined ? undefined : checkpoint.limit - committedSpend(checkpoint);
 * ```
 */
export function committedSpend(checkpoint: TaskCheckpoint): Nanodollars {
  const settled = checkpoint.ledger.reduce((sum, entry) => sum + entry.cost, 0);
  const unknown = [...(checkpoint.holds ?? []), ...(checkpoint.unreconciled ?? [])].reduce(
    (sum, hold) => sum + hold.worstCase,
    0,
  );
  return settled + unknown;
}

/**
 * Where checkpoints go: none unless you give one. {@link createFileTaskStore}
 * keeps a JSON file per task; anything that can keep a string will do.
 *
 * @example
 * ```ts
 * const store: TaskStore = { save: async (c) => redis.set(c.taskId, JSON.stringify(c)), load: async (id) => JSON.parse(await redis.get(id)) };
 * ```
 */
export interface TaskStore {
  save(checkpoint: TaskCheckpoint): Promise<void>;
  load(taskId: string): Promise<TaskCheckpoint | undefined>;
}

/**
 * A store in memory, for tests and short-lived processes.
 *
 * @example
 * ```ts
 * const store = createMemoryTaskStore();
 * await runTask({ task, client, budget: { usd: '0.50' }, store });
 * ```
 */
export function createMemoryTaskStore(): TaskStore & {
  readonly checkpoints: ReadonlyMap<string, TaskCheckpoint>;
} {
  const checkpoints = new Map<string, TaskCheckpoint>();
  return {
    checkpoints,
    save(checkpoint) {
      // A deep copy, as a file would keep: later changes must not leak in.
      checkpoints.set(checkpoint.taskId, structuredClone(checkpoint));
      return Promise.resolve();
    },
    load(taskId) {
      const found = checkpoints.get(taskId);
      return Promise.resolve(found === undefined ? undefined : structuredClone(found));
    },
  };
}
