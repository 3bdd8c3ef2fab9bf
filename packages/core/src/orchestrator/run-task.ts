import { nanoid } from 'nanoid';
import { createActor, toPromise } from 'xstate';
import type { AgentEvent, AgentStatus } from '../agent/agent-events';
import type { AnyAgentTool } from '../agent/agent-tool';
import { runAgent, type AgentResult, type ContextOptions } from '../agent/run-agent';
import { Budget, createBudget, type BudgetOptions } from '../budget/budget';
import {
  degradationKinds,
  type DegradationAction,
  type LadderOptions,
} from '../budget/degradation-ladder';
import { createGovernor } from '../budget/governor';
import { createBatchLaneClient, type BatchLaneClientOptions } from '../batch/batch-lane-client';
import { chooseLane, type LanePreference } from '../batch/choose-lane';
import type { Lane } from '../pricing/price-call';
import type { PressureThresholds } from '../budget/pressure';
import { InvalidArgumentError } from '../errors/invalid-argument-error';
import { formatUsd } from '../money/format-usd';
import type { ModelClient } from '../model/model-client';
import type { CachePlan } from '../model/model-request';
import { buildTaskReport, type ReportAgent } from '../report/build-task-report';
import { TaskLedger } from '../report/task-ledger';
import type { ReportDecision, TaskReport } from '../report/task-report';
import { cheapenAfterRefusal } from './cheapen-after-refusal';
import type { Router } from '../routing/create-router';
import { detectLoop } from '../routing/detect-loop';
import type { RouteRole } from '../routing/route-request';
import { decideShape } from './decide-shape';
import { runFanOut, subagentName, type AgentLaunch } from './fan-out';
import { createFileTaskStore } from './file-task-store';
import {
  createOrchestratorMachine,
  type OrchestratorServices,
  type StepStatus,
  type TaskStatus,
  type WorkOutput,
} from './orchestrator-machine';
import { parsePlan, parseTriage, planFromSubtasks } from './parse-role-output';
import { continuationPrompt, rolePrompts, synthesisPrompt } from './role-prompts';
import type { ShapeDecision, TaskCheckpoint, TaskStore, WorkOutcome } from './task-checkpoint';
import type { OrchestratorEvent, TaskEvent } from './task-events';
import type { RequestedShape, Subtask, TaskPlan, Triage } from './task-plan';
import {
  defaultWorkEstimates,
  roughTokens,
  singlePlan,
  type WorkEstimates,
} from './work-estimates';

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
  /** Where checkpoints go after each settled step; `false` keeps none. @default a file store in `.bursar/tasks` */
  readonly store?: TaskStore | false;
  /** Names the task (and its checkpoint). @default a random id */
  readonly taskId?: string;
  readonly signal?: AbortSignal;
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
  /** Why it failed, for `failed`. */
  readonly error: unknown;
}

/** Serial work with more subtasks than this is planned: subagents with isolated contexts may cost less. */
const serialPlanThreshold = 8;

const defaultModels = {
  triage: 'claude-haiku-4-5',
  plan: 'claude-sonnet-4-6',
  work: 'claude-sonnet-4-6',
};

/** The default tiers match the default models, so a downgrade goes sonnet -> haiku. */
const defaultTiers = ['claude-haiku-4-5', 'claude-sonnet-4-6', 'claude-opus-4-6'];

/**
 * Runs a task under a budget: triage, plan, decide between one agent and a
 * fan-out by pricing both, run it, synthesize, with the governor watching
 * every call. Returns the output, the status and the report; a task that
 * meets its budget returns its partial output with status `budgetExhausted`,
 * never a throw. Checkpoints after each settled step let {@link resumeTask}
 * continue without paying again for finished work.
 *
 * @example
 * ```ts
 * const { status, output, report } = await runTask({
 *   task: 'Compare the rivers of the three capitals.',
 *   client: createAnthropicClient({ apiKey }),
 *   budget: { usd: '0.50' },
 *   tools: [search],
 * });
 * console.log(status, formatUsd(report.cost));
 * ```
 */
export function runTask(options: RunTaskOptions): Promise<TaskResult> {
  return orchestrate(options, undefined, { prefix: '', depth: 0, counter: { used: 0 } });
}

/** Where a run sits in a tree of nested fan-outs. */
interface Nesting {
  /** Prepended to every agent name (`subagent:a/`), so labels stay unique in the shared budget. */
  readonly prefix: string;
  readonly depth: number;
  /** Subagents started in the whole tree, against `maxAgents`. */
  readonly counter: { used: number };
}

/** Options of {@link resumeTask}: those of {@link runTask} but the task, which the checkpoint has. */
export type ResumeTaskOptions = Omit<
  RunTaskOptions,
  'task' | 'taskId' | 'budget' | 'shape' | 'subtasks'
> & {
  /** @default a hard budget of the checkpoint's limit less what it already spent */
  readonly budget?: Budget | BudgetOptions;
};

/**
 * Continues a task from its checkpoint: finished steps are not run (or paid)
 * again; the report covers the whole task, the earlier run's ledger included.
 *
 * @example
 * ```ts
 * const checkpoint = await createFileTaskStore('.bursar/tasks').load(taskId);
 * const result = await resumeTask(checkpoint, { client, tools: [search] });
 * ```
 */
export function resumeTask(
  checkpoint: TaskCheckpoint,
  options: ResumeTaskOptions,
): Promise<TaskResult> {
  // A checkpoint is read from a file: check it as untyped input.
  if ((checkpoint as { format?: unknown }).format !== 'bursar-task/v1') {
    throw new InvalidArgumentError({
      argument: 'checkpoint.format',
      value: checkpoint.format,
      message: "expected 'bursar-task/v1'",
    });
  }
  const spent = checkpoint.ledger.reduce((sum, entry) => sum + entry.cost, 0);
  const budget =
    options.budget ??
    (checkpoint.limit === undefined
      ? { name: 'task' }
      : { usd: formatUsd(Math.max(0, checkpoint.limit - spent)) });
  if (!(budget instanceof Budget) && budget.usd === undefined && budget.tokens === undefined) {
    throw new InvalidArgumentError({
      argument: 'budget',
      value: budget,
      message: 'the checkpoint has no dollar limit: pass a budget to resume under',
    });
  }
  return orchestrate(
    {
      ...options,
      task: checkpoint.task,
      taskId: checkpoint.taskId,
      shape: checkpoint.requestedShape,
      budget,
    },
    checkpoint,
    { prefix: '', depth: 0, counter: { used: countSubagents(checkpoint) } },
  );
}

function countSubagents(checkpoint: TaskCheckpoint): number {
  return checkpoint.agents.filter((agent) => agent.role === 'subagent').length;
}

function wholeNumber(name: string, value: unknown, fallback: number, minimum: number): number {
  const chosen = value ?? fallback;
  if (typeof chosen !== 'number' || !Number.isInteger(chosen) || chosen < minimum) {
    throw new InvalidArgumentError({
      argument: name,
      value,
      message: `expected a whole number of at least ${String(minimum)}`,
    });
  }
  return chosen;
}

async function orchestrate(
  options: RunTaskOptions,
  resumed: TaskCheckpoint | undefined,
  nesting: Nesting,
): Promise<TaskResult> {
  // Check everything before spending anything.
  if (typeof options.task !== 'string' || options.task.trim().length === 0) {
    throw new InvalidArgumentError({
      argument: 'task',
      value: options.task,
      message: 'expected the task as non-empty text',
    });
  }
  const requested: unknown = options.shape ?? 'auto';
  if (requested !== 'auto' && requested !== 'single' && requested !== 'fanOut') {
    throw new InvalidArgumentError({
      argument: 'shape',
      value: options.shape,
      message: "expected 'auto', 'single' or 'fanOut'",
    });
  }
  const maxTokens = wholeNumber('maxTokens', options.maxTokens, 1024, 1);
  const maxTurns = wholeNumber('maxTurns', options.maxTurns, 20, 1);
  const concurrency = wholeNumber('concurrency', options.concurrency, 4, 1);
  const maxAgents = wholeNumber('maxAgents', options.maxAgents, 8, 1);
  const maxDepth = wholeNumber('maxDepth', options.maxDepth, 0, 0);
  const premium = options.maxFanOutPremium ?? 0.1;
  if (typeof premium !== 'number' || !Number.isFinite(premium) || premium < 0) {
    throw new InvalidArgumentError({
      argument: 'maxFanOutPremium',
      value: options.maxFanOutPremium,
      message: 'expected a share of at least 0 (0.25 = 25%)',
    });
  }
  const taskId = options.taskId ?? `task_${nanoid(12)}`;
  if (!/^[A-Za-z0-9_-]{1,128}$/.test(taskId)) {
    throw new InvalidArgumentError({
      argument: 'taskId',
      value: options.taskId,
      message: 'expected 1-128 letters, digits, _ or -',
    });
  }
  const lane: unknown = options.lane ?? 'interactive';
  if (lane !== 'interactive' && lane !== 'batch' && lane !== 'auto') {
    throw new InvalidArgumentError({
      argument: 'lane',
      value: options.lane,
      message: "expected 'interactive', 'batch' or 'auto'",
    });
  }
  if (lane !== 'interactive' && options.client.batches === undefined) {
    throw new InvalidArgumentError({
      argument: 'lane',
      value: lane,
      message: `the client (${options.client.provider}) has no batch lane`,
    });
  }
  const givenPlan = options.subtasks === undefined ? undefined : planFromSubtasks(options.subtasks);
  const now = options.now ?? Date.now;
  const budget =
    options.budget instanceof Budget
      ? options.budget
      : createBudget({ ...options.budget, now, name: options.budget.name ?? 'task' });
  const store =
    options.store === false ? undefined : (options.store ?? createFileTaskStore('.bursar/tasks'));
  const models = {
    triage: options.models?.triage ?? defaultModels.triage,
    plan: options.models?.plan ?? defaultModels.plan,
    work: options.models?.work ?? defaultModels.work,
    synthesize: options.models?.synthesize ?? options.models?.work ?? defaultModels.work,
  };
  for (const [role, model] of Object.entries(models))
    budget.priceTable.resolve(model, `models.${role}`);

  const run = new TaskRun(options, {
    taskId,
    requested,
    budget,
    store,
    models,
    maxTokens,
    maxTurns,
    concurrency,
    maxAgents,
    maxDepth,
    premium,
    now,
    resumed,
    nesting,
    givenPlan,
  });
  return run.execute();
}

interface TaskSettings {
  readonly taskId: string;
  readonly requested: RequestedShape;
  readonly budget: Budget;
  readonly store: TaskStore | undefined;
  readonly models: Required<TaskModels>;
  readonly maxTokens: number;
  readonly maxTurns: number;
  readonly concurrency: number;
  readonly maxAgents: number;
  readonly maxDepth: number;
  readonly premium: number;
  readonly now: () => number;
  readonly resumed: TaskCheckpoint | undefined;
  readonly nesting: Nesting;
  readonly givenPlan: TaskPlan | undefined;
}

const statusOfAgent: Readonly<Record<AgentStatus, TaskStatus>> = {
  completed: 'done',
  budget_exhausted: 'budgetExhausted',
  aborted: 'aborted',
  failed: 'failed',
  max_turns: 'failed',
};

const agentStatusOf: Readonly<Record<TaskStatus, AgentStatus>> = {
  done: 'completed',
  budgetExhausted: 'budget_exhausted',
  aborted: 'aborted',
  failed: 'failed',
};

/** One run of a task: its ledger, its checkpoint state and the machine's services. */
class TaskRun {
  private readonly options: RunTaskOptions;
  private readonly settings: TaskSettings;
  private readonly ledger: TaskLedger;
  private readonly startedAt: number;
  private triage: Triage | undefined;
  private plan: TaskPlan | undefined;
  private decision: ShapeDecision | undefined;
  private readonly subtasks = new Map<string, WorkOutcome>();
  private merged: string[] = [];
  private final: WorkOutcome | undefined;
  private readonly decisions: ReportDecision[] = [];
  private readonly agents = new Map<string, ReportAgent>();
  private readonly governor;
  private readonly ladder: LadderOptions;
  /** The lane working agents start in. */
  private readonly taskLane: Lane;
  /** `lane: 'auto'`'s reading of the deadline. */
  private readonly laneChoice: { readonly lane: Lane; readonly reason: string } | undefined;
  private batchLane: ModelClient | undefined;
  private readonly prefixTokens: number;

  constructor(options: RunTaskOptions, settings: TaskSettings) {
    this.options = options;
    this.settings = settings;
    const resumed = settings.resumed;
    this.startedAt = resumed?.startedAt ?? settings.now();
    this.ledger = new TaskLedger(this.startedAt, resumed?.ledger ?? [], settings.nesting.prefix);
    this.plan = settings.givenPlan;
    if (resumed !== undefined) {
      this.triage = resumed.triage;
      this.plan = resumed.plan;
      this.decision = resumed.decision;
      for (const [id, outcome] of Object.entries(resumed.subtasks)) this.subtasks.set(id, outcome);
      this.merged = [...resumed.merged];
      this.final = resumed.final;
      this.decisions.push(...resumed.decisions);
      for (const agent of resumed.agents) this.agents.set(agent.agent, agent);
    }
    const preference = options.lane ?? 'interactive';
    this.taskLane = preference === 'batch' ? 'batch' : 'interactive';
    if (preference === 'auto') {
      const estimates = { ...defaultWorkEstimates, ...options.estimates };
      this.laneChoice = chooseLane({
        lane: 'auto',
        now: settings.now(),
        deadline: options.deadline,
        // Each turn of an agent in the batch lane waits for its own batch.
        expectedBatchMs: (options.batch?.expectedBatchMs ?? 3_600_000) * estimates.turnsPerSubtask,
        interactiveLatencyMs: 60_000,
      });
    }
    const ladder = options.ladder ?? {};
    this.ladder = { ...ladder, modelTiers: ladder.modelTiers ?? defaultTiers };
    this.governor = createGovernor({
      budget: settings.budget,
      ...ladder,
      // The batch step is offered only when the deadline leaves room for it.
      order:
        ladder.order ??
        degradationKinds.filter((kind) => kind !== 'batch' || this.latencyTolerant()),
      modelTiers: ladder.modelTiers ?? defaultTiers,
      ...(options.thresholds === undefined ? {} : { thresholds: options.thresholds }),
    });
    this.prefixTokens =
      roughTokens(JSON.stringify(options.tools?.map((tool) => tool.description) ?? [])) +
      roughTokens((options.system ?? []).join('\n')) +
      roughTokens((options.reference ?? []).join('\n'));
  }

  async execute(): Promise<TaskResult> {
    const { budget, taskId } = this.settings;
    const nested = this.settings.nesting.depth > 0;
    const unsubscribe = budget.subscribe((event) => {
      this.ledger.observe(event);
      // The outermost run forwards budget events; a nested one would repeat them.
      if (!nested) this.emit(event);
    });
    this.emit({ type: 'task.start', taskId, resumed: this.settings.resumed !== undefined });
    if (
      this.settings.resumed === undefined &&
      this.options.lane !== undefined &&
      this.options.lane !== 'interactive'
    )
      this.decide(
        'lane',
        this.laneChoice === undefined
          ? 'batch: the batch lane was asked for'
          : `${this.laneChoice.lane === 'batch' ? 'interactive, batch allowed under pressure' : 'interactive only'}: ${this.laneChoice.reason}`,
      );
    let status: TaskStatus;
    let error: unknown;
    try {
      const actor = createActor(createOrchestratorMachine(this.services()), {
        input: {
          requested: this.settings.requested,
          triage: this.triage,
          plan: this.plan,
          decision: this.decision,
          // Only a finished task is over; one that stopped (budget, abort, failure) goes on.
          finalStatus: this.settings.resumed?.status === 'done' ? 'done' : undefined,
        },
      });
      actor.subscribe({
        next: (snapshot) => {
          this.emit({ type: 'task.phase', taskId, phase: snapshot.value });
        },
        error: () => undefined,
      });
      actor.start();
      ({ status, error } = await toPromise(actor));
    } finally {
      unsubscribe();
    }
    await this.checkpoint(status);
    const checkpoint = this.snapshot(status);
    const report = this.report(status);
    this.emit({ type: 'task.finish', taskId, status, cost: report.cost });
    return { taskId, status, output: this.output(), report, checkpoint, error };
  }

  /** The report of the task so far. */
  private report(status: string): TaskReport {
    const decision = this.decision;
    const notTaken =
      decision?.projectedSingle === undefined || decision.projectedFanOut === undefined
        ? undefined
        : decision.shape === 'single'
          ? { shape: 'fanOut' as const, projectedCost: decision.projectedFanOut }
          : { shape: 'single' as const, projectedCost: decision.projectedSingle };
    return buildTaskReport({
      taskId: this.settings.taskId,
      status,
      shape: decision?.shape,
      limit: this.settings.resumed?.limit ?? this.settings.budget.limit.usd,
      entries: this.ledger.entries,
      agents: [...this.agents.values()],
      decisions: this.decisions,
      shapeNotTaken: notTaken,
      durationMs: this.settings.now() - this.startedAt,
      priceTable: this.settings.budget.priceTable,
    });
  }

  /** The final answer, or the best partial one: the reports of the subtasks that finished. */
  private output(): string {
    if (this.final !== undefined && this.final.text.length > 0) return this.final.text;
    const reports = [...this.subtasks.values()].map((outcome) => outcome.text);
    return reports.join('\n\n');
  }

  private emit(event: TaskEvent): void {
    try {
      this.options.onEvent?.(event);
    } catch (error) {
      console.error('[bursar] task event listener threw:', error);
    }
  }

  /** Saves a checkpoint to the store (when there is one). */
  private async checkpoint(status?: string): Promise<void> {
    const store = this.settings.store;
    if (store === undefined) return;
    // The whole ledger goes in each time: linear in the calls so far, so no store, no copy.
    await store.save(this.snapshot(status));
    this.emit({ type: 'task.checkpoint', taskId: this.settings.taskId, phase: status ?? 'step' });
  }

  /** The task's state as a checkpoint. */
  private snapshot(status?: string): TaskCheckpoint {
    return {
      format: 'bursar-task/v1',
      taskId: this.settings.taskId,
      task: this.options.task,
      requestedShape: this.settings.requested,
      limit: this.settings.resumed?.limit ?? this.settings.budget.limit.usd,
      startedAt: this.startedAt,
      triage: this.triage,
      plan: this.plan,
      decision: this.decision,
      subtasks: Object.fromEntries(this.subtasks),
      merged: this.merged,
      final: this.final,
      status,
      ledger: [...this.ledger.entries],
      decisions: [...this.decisions],
      agents: [...this.agents.values()],
    };
  }

  /** Whether the governor may move work to the batch lane (`lane: 'auto'` with room before the deadline). */
  private latencyTolerant(): boolean {
    return this.laneChoice?.lane === 'batch';
  }

  /** The batch-lane client, made on first use. */
  private batchClient(): ModelClient {
    this.batchLane ??= createBatchLaneClient(this.options.client, {
      ...this.options.batch,
      name: `${this.settings.taskId}-batch`,
    });
    return this.batchLane;
  }

  /** The agent's full name in this run's tree. */
  private name(agent: string): string {
    return `${this.settings.nesting.prefix}${agent}`;
  }

  private decide(kind: string, reason: string, before?: number, after?: number): void {
    this.decisions.push({
      at: this.settings.now() - this.startedAt,
      kind,
      reason,
      projectedBefore: before,
      projectedAfter: after,
    });
  }

  /** Runs one agent of the task with its role's prompt, tools and model. */
  /** The model of an agent: the router's choice when there is one, else the task's model for the role. */
  private modelFor(role: RouteRole, text: string, fallback: string): string {
    return this.options.router?.route({ role, text, attempt: 0 }).model ?? fallback;
  }

  /**
   * Runs an agent, and with a router, once more one tier up if it looped
   * (the same tool call with the same input back to back): the failed try is
   * paid for and stays in the ledger; the better of the two answers is kept.
   */
  private async launch(launch: AgentLaunch): Promise<AgentResult> {
    const first = await this.launchOnce(launch);
    const router = this.options.router;
    const working =
      launch.role === 'single' || launch.role === 'subagent' || launch.role === 'continuation';
    if (router === undefined || !working || first.status !== 'completed') return first;
    const loop = detectLoop(first.messages);
    if (loop === undefined) return first;
    const next = router.escalate(launch.model, {
      kind: 'loop',
      reason: `${loop.tool} ${String(loop.repeats)} times in a row`,
    });
    if (next === undefined) return first;
    this.decide('escalate', `${this.name(launch.agent)}: ${next.reason}`);
    const second = await this.launchOnce({
      agent: `${launch.agent}#2`,
      role: launch.role,
      model: next.model,
      prompt: launch.prompt,
      maxTokens: launch.maxTokens,
      prune: launch.prune,
      ...(launch.lane === undefined ? {} : { lane: launch.lane }),
    });
    return second.status === 'completed' ? second : first;
  }

  private async launchOnce(launch: AgentLaunch): Promise<AgentResult> {
    const { options, settings } = this;
    if (launch.role === 'subagent' && settings.nesting.depth < settings.maxDepth)
      return this.launchNested(launch);
    const working = launch.role !== 'triage' && launch.role !== 'plan';
    const system =
      launch.role === 'triage' || launch.role === 'plan'
        ? [rolePrompts[launch.role]]
        : launch.role === 'subagent'
          ? [...(options.system ?? []), rolePrompts.subagent]
          : launch.role === 'synthesize'
            ? [...(options.system ?? []), rolePrompts.synthesize]
            : [...(options.system ?? [])];
    const usesTools =
      launch.role !== 'triage' && launch.role !== 'plan' && launch.role !== 'synthesize';
    // One call for triage, plan and synthesis: nothing to cache turn to turn.
    const cache: CachePlan = usesTools
      ? {
          system: '5m',
          ...(options.reference?.length ? { reference: '5m' } : {}),
          conversation: '5m',
        }
      : {};
    let firstResponse = launch.onFirstResponse;
    const lane = launch.lane ?? (working ? this.taskLane : 'interactive');
    const result = await runAgent({
      client: lane === 'batch' ? this.batchClient() : options.client,
      budget: settings.budget,
      model: launch.model,
      prompt: launch.messages ?? launch.prompt,
      system,
      ...(working && options.reference !== undefined && launch.role !== 'synthesize'
        ? { reference: options.reference }
        : {}),
      tools: usesTools ? (options.tools ?? []) : [],
      maxTurns: usesTools ? settings.maxTurns : 1,
      maxTokens: launch.maxTokens,
      cache,
      name: this.name(launch.agent),
      ...(options.maxRetries === undefined ? {} : { maxRetries: options.maxRetries }),
      ...(options.sleep === undefined ? {} : { sleep: options.sleep }),
      ...(options.signal === undefined ? {} : { signal: options.signal }),
      ...(usesTools && (options.context !== undefined || launch.prune)
        ? {
            context: {
              ...options.context,
              ...(launch.prune ? { prune: options.context?.prune ?? true } : {}),
            },
          }
        : {}),
      onEvent: (event: AgentEvent) => {
        if (event.type === 'agent.turn.end' && firstResponse !== undefined) {
          firstResponse();
          firstResponse = undefined;
        }
        this.emit(event);
      },
    });
    this.agents.set(this.name(launch.agent), {
      agent: this.name(launch.agent),
      role: launch.role,
      model: launch.model,
      status: result.status,
    });
    return result;
  }

  /** A subagent that may fan out again: its subtask runs as a task of its own, in the same budget. */
  private async launchNested(launch: AgentLaunch): Promise<AgentResult> {
    const { settings } = this;
    const name = this.name(launch.agent);
    launch.onFirstResponse?.();
    const result = await orchestrate(
      {
        ...this.options,
        task: launch.prompt,
        taskId: `${settings.taskId}-${launch.agent.replace(/[^A-Za-z0-9_-]/g, '_')}`.slice(0, 128),
        budget: settings.budget,
        shape: 'auto',
        store: false,
        models: { ...settings.models, work: launch.model },
        maxTokens: launch.maxTokens,
      },
      undefined,
      { prefix: `${name}/`, depth: settings.nesting.depth + 1, counter: settings.nesting.counter },
    );
    for (const agent of result.report.byAgent)
      this.agents.set(agent.agent, {
        agent: agent.agent,
        role: agent.role,
        model: agent.model,
        status: agent.status,
      });
    const status = agentStatusOf[result.status];
    this.agents.set(name, { agent: name, role: 'subagent', model: launch.model, status });
    return {
      status,
      text: result.output,
      messages: [],
      turns: result.report.timeline.length,
      usage: result.report.usage,
      cost: result.report.cost,
      error: result.error,
    };
  }

  private services(): OrchestratorServices {
    const { settings } = this;
    const stepStatus = (status: AgentStatus): StepStatus =>
      status === 'completed' ? 'ok' : (statusOfAgent[status] as Exclude<TaskStatus, 'done'>);
    const planInput = () => ({
      task: this.options.task,
      prefixTokens: this.prefixTokens,
      model: settings.models.work,
      synthesizeModel: settings.models.synthesize,
      maxTokens: settings.maxTokens,
      estimates: { ...defaultWorkEstimates, ...this.options.estimates },
      lane: this.taskLane,
      latencyTolerant: this.latencyTolerant(),
    });
    const finish = async (agent: string, result: AgentResult): Promise<WorkOutput> => {
      this.final = {
        status: result.status,
        text: result.text,
        model: this.agents.get(this.name(agent))?.model ?? '',
      };
      await this.checkpoint();
      return { status: statusOfAgent[result.status] };
    };

    return {
      triage: async () => {
        const result = await this.launch({
          agent: 'triage',
          role: 'triage',
          model: this.modelFor('triage', this.options.task, settings.models.triage),
          prompt: this.options.task,
          maxTokens: 256,
          prune: false,
        });
        // A budget too small to judge the task is not the end: one agent may still fit.
        if (result.status === 'budget_exhausted')
          return {
            status: 'ok',
            triage: undefined,
            noPlanReason: 'the budget cannot hold a triage call',
          };
        if (result.status !== 'completed')
          return { status: stepStatus(result.status), triage: undefined, noPlanReason: undefined };
        this.triage = parseTriage(result.text);
        await this.checkpoint();
        if (this.triage === undefined)
          return { status: 'ok', triage: undefined, noPlanReason: undefined };
        // Serial work is planned only when it is long enough for isolated
        // contexts to beat one growing context.
        const serial = !this.triage.parallelizable && this.triage.subtasks <= serialPlanThreshold;
        return {
          status: 'ok',
          triage: this.triage,
          noPlanReason: serial
            ? `triage: the work does not parallelize (${this.triage.size}, ${String(this.triage.subtasks)} subtasks)`
            : undefined,
        };
      },
      plan: async () => {
        const planLaunch: AgentLaunch = {
          agent: 'plan',
          role: 'plan',
          model: this.modelFor('plan', this.options.task, settings.models.plan),
          prompt: this.options.task,
          // Sized to the subtasks triage expects, so a small budget can still hold it.
          maxTokens: Math.min(2048, 256 + 160 * Math.max(4, this.triage?.subtasks ?? 8)),
          prune: false,
        };
        let result = await this.launch(planLaunch);
        if (result.status === 'budget_exhausted')
          return {
            status: 'ok',
            plan: undefined,
            noPlanReason: 'the budget cannot hold a planning call',
          };
        if (result.status !== 'completed')
          return { status: stepStatus(result.status), plan: undefined, noPlanReason: undefined };
        this.plan = parsePlan(result.text);
        // A malformed plan, with a router: once more, one tier up (the failed try stays paid).
        const next =
          this.plan === undefined
            ? this.options.router?.escalate(planLaunch.model, {
                kind: 'malformed-output',
                reason: 'the plan did not parse',
              })
            : undefined;
        if (next !== undefined) {
          this.decide('escalate', `plan: ${next.reason}`);
          result = await this.launch({ ...planLaunch, agent: 'plan#2', model: next.model });
          if (result.status === 'completed') this.plan = parsePlan(result.text);
        }
        await this.checkpoint();
        return {
          status: 'ok',
          plan: this.plan,
          noPlanReason: this.plan === undefined ? 'the plan came back malformed' : undefined,
        };
      },
      decide: async ({ plan, noPlanReason }) => {
        const decision = decideShape({
          ...planInput(),
          requested: settings.requested,
          plan,
          ...(noPlanReason === undefined ? {} : { noPlanReason }),
          snapshot: settings.budget.snapshot(),
          priceTable: settings.budget.priceTable,
          maxFanOutPremium: settings.premium,
        });
        this.decision = decision;
        this.decide(
          'shape',
          `${decision.shape}: ${decision.reason}`,
          decision.shape === 'fanOut' ? decision.projectedSingle : decision.projectedFanOut,
          decision.shape === 'fanOut' ? decision.projectedFanOut : decision.projectedSingle,
        );
        this.emit({
          type: 'task.shape',
          taskId: settings.taskId,
          shape: decision.shape,
          reason: decision.reason,
          single: decision.projectedSingle,
          fanOut: decision.projectedFanOut,
        });
        await this.checkpoint();
        return decision;
      },
      single: async () => {
        let model = this.modelFor('single', this.options.task, settings.models.work);
        let maxTokens = settings.maxTokens;
        let prune = false;
        let lane: Lane = this.taskLane;
        const subtasks = this.plan?.subtasks ?? [
          { id: 'task', question: this.options.task, dependsOn: [] },
        ];
        const assessment = this.governor.assess(singlePlan({ ...planInput(), subtasks }));
        for (const action of assessment.decision?.actions ?? []) {
          if (action.kind === 'downgrade') model = action.steps[0]?.to ?? model;
          if (action.kind === 'cap-output') maxTokens = Math.min(maxTokens, action.maxTokens);
          if (action.kind === 'prune') prune = true;
          if (action.kind === 'batch') lane = 'batch';
        }
        if (assessment.decision !== undefined)
          this.pressure(
            assessment.decision.actions,
            assessment.decision.reason,
            assessment.decision.before.total,
            assessment.decision.after.total,
          );
        let result = await this.launch({
          agent: 'single',
          role: 'single',
          model,
          prompt: this.options.task,
          maxTokens,
          prune,
          lane,
        });
        // Refused alone: go on once more, cheaper, from where it stopped.
        const step = singlePlan({ ...planInput(), subtasks }).steps[0];
        const cheaper =
          result.status === 'budget_exhausted' && step !== undefined
            ? cheapenAfterRefusal(settings.budget, { ...step, model, maxTokens }, this.ladder)
            : undefined;
        if (cheaper !== undefined) {
          this.pressure(cheaper.actions, cheaper.reason, undefined, undefined);
          result = await this.launch({
            agent: 'single',
            role: 'single',
            model: cheaper.model,
            prompt: this.options.task,
            messages: result.messages,
            maxTokens: cheaper.maxTokens,
            prune,
            lane,
          });
        }
        return finish('single', result);
      },
      fanOut: async () => {
        const plan = this.plan;
        if (plan === undefined) throw new Error('fan-out without a plan');
        const counter = settings.nesting.counter;
        const result = await runFanOut({
          subtasks: plan.subtasks,
          finished: this.subtasks,
          concurrency: settings.concurrency,
          claimSlot: () => {
            if (counter.used >= settings.maxAgents) return false;
            counter.used += 1;
            return true;
          },
          planInput: planInput(),
          governor: this.governor,
          ladder: this.ladder,
          modelFor: (subtask) => this.modelFor('subagent', subtask.question, settings.models.work),
          launch: (launch) => this.launch(launch),
          signal: this.options.signal,
          onStart: (subtask, agent, model) => {
            this.emit({
              type: 'task.subagent.start',
              taskId: settings.taskId,
              agent: this.name(agent),
              subtask: subtask.id,
              model,
            });
          },
          onSettled: async (subtask, outcome, agentResult) => {
            if (agentResult.status === 'completed') this.subtasks.set(subtask.id, outcome);
            this.emit({
              type: 'task.subagent.finish',
              taskId: settings.taskId,
              agent: this.name(subagentName(subtask)),
              subtask: subtask.id,
              status: agentResult.status,
              cost: agentResult.cost,
            });
            await this.checkpoint();
          },
          onPressure: (actions, reason) => {
            this.pressure(actions, reason, undefined, undefined);
          },
        });
        this.merged = [...result.merged];
        if (result.merged.length > 0)
          this.decide(
            'collapse',
            `${String(result.merged.length)} subtask(s) handed to one continuing agent: ${result.merged.join(', ')}`,
          );
        await this.checkpoint();
        return {
          status:
            result.stopped === undefined
              ? 'ok'
              : result.stopped === 'budget'
                ? 'budgetExhausted'
                : 'aborted',
          continuation: result.merged.length > 0,
        };
      },
      continuation: async () => {
        const findings = [...this.subtasks.values()].map((outcome) => outcome.text);
        const result = await this.launch({
          agent: 'continuation',
          role: 'continuation',
          model: this.modelFor('continuation', this.options.task, settings.models.work),
          prompt: continuationPrompt(this.options.task, findings),
          maxTokens: settings.maxTokens,
          prune: false,
        });
        return finish('continuation', result);
      },
      synthesize: async () => {
        const plan = this.plan;
        const reports = (plan?.subtasks ?? []).flatMap((subtask) => {
          const outcome = this.subtasks.get(subtask.id);
          return outcome === undefined ? [] : [{ question: subtask.question, text: outcome.text }];
        });
        const result = await this.launch({
          agent: 'synthesize',
          role: 'synthesize',
          model: this.modelFor('synthesize', this.options.task, settings.models.synthesize),
          prompt: synthesisPrompt(this.options.task, reports),
          maxTokens: settings.maxTokens,
          prune: false,
        });
        return finish('synthesize', result);
      },
    };
  }

  private pressure(
    actions: readonly DegradationAction[],
    reason: string,
    before: number | undefined,
    after: number | undefined,
  ): void {
    for (const action of actions) this.decide(action.kind, reason, before, after);
    const event: OrchestratorEvent = {
      type: 'task.pressure',
      taskId: this.settings.taskId,
      actions,
      reason,
    };
    this.emit(event);
  }
}
