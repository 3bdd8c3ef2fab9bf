import type { AnyAgentTool } from '../agent/agent-tool';
import { type ContextOptions } from '../agent/run-agent';
import { type Budget, type BudgetOptions } from '../budget/budget';
import { type LadderOptions } from '../budget/degradation-ladder';
import { type BatchLaneClientOptions } from '../batch/batch-lane-client';
import { type LanePreference } from '../batch/choose-lane';
import type { PressureThresholds } from '../budget/pressure';
import type { ModelClient } from '../model/model-client';
import type { ReportDecision, TaskReport } from '../report/task-report';
import type { Router } from '../routing/create-router';
import { type TaskStatus } from './orchestrator-machine';
import type { TaskCheckpoint, TaskStore } from './task-checkpoint';
import type { TaskEvent } from './task-events';
import type { RequestedShape, Subtask } from './task-plan';
import { type WorkEstimates } from './work-estimates';
import type { GradePriors } from './grade-priors';

/** The models of each part of a task. */
export interface TaskModels {
  /** Judges size and parallelism. @default 'claude-haiku-4-5' */
  readonly triage?: string;
  /** Splits the task into subtasks (a model below sonnet writes poor plans). @default 'claude-sonnet-4-6' */
  readonly plan?: string;
  /** Does the work: the single agent and each subagent. @default 'claude-sonnet-4-6' */
  readonly work?: string;
  /** Writes the final answer from the subagents' reports. @default the work model */
  readonly synthesize?: string;
}

/** Options of {@link runTask}. */
export interface RunTaskOptions {
  /** What the user asks. */
  readonly task: string;
  readonly client: ModelClient;
  /**
   * The task's budget: options for a new one (`{ usd: '0.50' }`), or a budget
   * to draw on (an allowance of a larger one, say). Hard by default: spend
   * never passes it.
   */
  readonly budget: Budget | BudgetOptions;
  /** @default 'auto' */
  readonly shape?: RequestedShape;
  /**
   * The subtasks, when you know them: no triage or planning call is made,
   * and `decide` prices one agent against a fan-out over these.
   */
  readonly subtasks?: readonly Subtask[];
  /** Tools every working agent may call. Their results are untrusted text. */
  readonly tools?: readonly AnyAgentTool[];
  /** Instructions every working agent shares (part of the cached prefix). */
  readonly system?: readonly string[];
  /** Reference material every working agent shares (part of the cached prefix). */
  readonly reference?: readonly string[];
  readonly models?: TaskModels;
  /**
   * Chooses each agent's model (rules, per-step minimums) and escalates one
   * tier up when a try fails: a malformed plan, or a working agent that loops.
   * The failed try's cost stays in the ledger. Without one, `models` decides
   * and nothing escalates.
   */
  readonly router?: Router;
  /** `max_tokens` of each working turn. @default 1024 */
  readonly maxTokens?: number;
  /**
   * The smallest output cap a turn may take when the budget cannot hold
   * `maxTokens` (see `runAgent`'s option): the first capped turn of an agent
   * is a `cap-output` decision in the report. Set it to `maxTokens` to never
   * shrink a turn's cap.
   * @default the smaller of 256 and `maxTokens`
   */
  readonly minOutputTokens?: number;
  /** Turns of each working agent. @default 20 */
  readonly maxTurns?: number;
  /** Subagents running at once. @default 4 */
  readonly concurrency?: number;
  /** Subagents in all, nested ones included; subtasks past it go to one continuing agent. @default 8 */
  readonly maxAgents?: number;
  /** How deep subagents may fan out again (0: subagents never spawn). @default 0 */
  readonly maxDepth?: number;
  /**
   * How much dearer than one agent a fan-out of parallel work may be projected
   * (0.1 = 10%), the price of its wall time. @default 0.1
   */
  readonly maxFanOutPremium?: number;
  /**
   * Expected grade of each model on each kind of work, which budget-fit
   * planning weighs against cost when the task as asked does not fit its
   * budget comfortably. Measure your own with {@link calibrate}.
   * @default defaultGradePriors (fitted on the simulator's workloads)
   */
  readonly priors?: GradePriors;
  /** Priors of the forecast until the run has measured its own subagents. */
  readonly estimates?: Partial<WorkEstimates>;
  /** The degradation ladder (order, quality priors, model tiers). */
  readonly ladder?: LadderOptions;
  readonly thresholds?: PressureThresholds;
  /** Context discipline of the working agents (pruning, compaction). */
  readonly context?: Omit<ContextOptions, 'prefixTracker'>;
  /**
   * Where working agents' calls go: `interactive`; `batch` (Message Batches,
   * half price, each turn waits for its batch); or `auto`: interactive, and
   * the governor may move queued work to the batch lane under pressure when
   * the `deadline` leaves room. Triage and planning stay interactive.
   * @default 'interactive'
   */
  readonly lane?: LanePreference;
  /** When the task must be done, ms on the task's clock (`now`); for `lane: 'auto'`. */
  readonly deadline?: number;
  /** The batch lane's client options (clock, polling, how long a batch waits for company). */
  readonly batch?: BatchLaneClientOptions & {
    /** How long one batch takes to end, for the deadline arithmetic. @default 3,600,000 (an hour) */
    readonly expectedBatchMs?: number;
  };
  /** Retries of a failed call. @default 2 */
  readonly maxRetries?: number;
  /**
   * Where checkpoints go: after each settled step, and each call's hold
   * before the call is sent (write-ahead), so {@link resumeTask} can continue
   * after a crash without passing the limit. Leave it out (or pass `false`)
   * and nothing is kept, and nothing is written to disk; pass
   * `createFileTaskStore(dir)` for files, or any {@link TaskStore}.
   * @default none: no checkpoint is kept
   */
  readonly store?: TaskStore | false;
  /** Names the task (and its checkpoint). @default a random id */
  readonly taskId?: string;
  /** Aborting ends the task with status `aborted`, its partial output and report. */
  readonly signal?: AbortSignal;
  /**
   * How long a tool that ignores the abort may run on after `signal` fires,
   * in ms on the `sleep` clock; its late result is discarded.
   * @default 1000
   */
  readonly abortGraceMs?: number;
  /** Every event of the task, its agents and its budget. Must not throw. */
  readonly onEvent?: (event: TaskEvent) => void;
  /** The clock of events and the report, ms. @default Date.now */
  readonly now?: () => number;
  /** Waits between retries. @default a real timer */
  readonly sleep?: (milliseconds: number, signal?: AbortSignal) => Promise<void>;
}

/** What {@link runTask} returns, however the task ended. */
export interface TaskResult {
  readonly taskId: string;
  readonly status: TaskStatus;
  /** The answer, or the best partial one when the task stopped early. */
  readonly output: string;
  readonly report: TaskReport;
  /** The last checkpoint: pass it to {@link resumeTask} to continue. */
  readonly checkpoint: TaskCheckpoint;
  /**
   * Why it failed, for `failed`: what a step threw, or the error the failing
   * agent ended with (a `RetryError` whose `errors` hold the provider's, such as a 401).
   */
  readonly error: unknown;
  /**
   * What the task traded to fit its budget, so no loss is quiet: undefined
   * when every working agent ran on the model it was launched on, as asked.
   */
  readonly degradation: TaskDegradation | undefined;
}

/** What a task traded to fit its budget. */
export interface TaskDegradation {
  /** Which model each agent's calls ran on, by agent (more than one after a downgrade). */
  readonly models: Readonly<Record<string, readonly string[]>>;
  /** The governor's and the planner's decisions that changed the work. */
  readonly decisions: readonly ReportDecision[];
  /**
   * The expected grade given up, 0 to 1: the planner's (its priors, as asked
   * against as chosen) plus each ladder step's expected loss
   * (`ladder.qualityLoss`), at most 1. An estimate, not a measurement.
   */
  readonly expectedGradeLost: number;
}

/** Options of {@link resumeTask}: those of {@link runTask} but the task, which the checkpoint has. */
export type ResumeTaskOptions = Omit<
  RunTaskOptions,
  'task' | 'taskId' | 'budget' | 'shape' | 'subtasks'
> & {
  /** @default a hard budget of the checkpoint's limit less what it already spent */
  readonly budget?: Budget | BudgetOptions;
};
