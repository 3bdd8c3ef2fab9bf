import type { RunTaskOptions, TaskModels, TaskResult } from './run-task-options';
import { agentStatusOf, defaultTiers } from './task-defaults';
import { createTaskServices } from './task-services';
import { createActor, toPromise } from 'xstate';
import type { AgentEvent } from '../agent/agent-events';
import {
  runCheckedAgent,
  type AgentHold,
  type AgentProgress,
  type AgentResult,
} from '../agent/run-agent';
import { type Budget } from '../budget/budget';
import {
  degradationKinds,
  type DegradationAction,
  type LadderOptions,
} from '../budget/degradation-ladder';
import { createGovernor } from '../budget/governor';
import { createBatchLaneClient } from '../batch/batch-lane-client';
import { chooseLane } from '../batch/choose-lane';
import type { Lane } from '../pricing/price-call';
import type { ModelClient } from '../model/model-client';
import { buildTaskReport, type ReportAgent } from '../report/build-task-report';
import { TaskLedger } from '../report/task-ledger';
import type { ReportDecision, TaskReport } from '../report/task-report';
import { detectLoop } from '../routing/detect-loop';
import type { RouteRole } from '../routing/route-request';
import { type AgentLaunch } from './fan-out';
import { createOrchestratorMachine, type TaskStatus } from './orchestrator-machine';
import { roleAgentOptions } from './role-agent-options';
import type {
  AgentConversation,
  OpenHold,
  ShapeDecision,
  TaskCheckpoint,
  TaskStore,
  WorkOutcome,
} from './task-checkpoint';
import { BursarError } from '../errors/bursar-error';
import { describeDegradation, describeFailure } from './describe-degradation';
import { defaultGradePriors, expectedGrade, workKindOf } from './grade-priors';
import { emptyUsage } from '../usage/usage';
import type { OrchestratorEvent, TaskEvent } from './task-events';
import type { RequestedShape, TaskPlan, Triage } from './task-plan';
import { defaultWorkEstimates, roughTokens } from './work-estimates';

/** Where a run sits in a tree of nested fan-outs. */
export interface Nesting {
  /** Prepended to every agent name (`subagent:a/`), so labels stay unique in the shared budget. */
  readonly prefix: string;
  readonly depth: number;
  /** Subagents started in the whole tree, against `maxAgents`. */
  readonly counter: { used: number };
}

/** What `orchestrate` checked and settled before a run starts. @internal */
export interface TaskSettings {
  readonly taskId: string;
  readonly requested: RequestedShape;
  readonly budget: Budget;
  readonly store: TaskStore | undefined;
  readonly models: Required<TaskModels>;
  readonly maxTokens: number;
  /** Passed to each working agent, never above its `maxTokens`; undefined: runAgent's default. */
  readonly minOutputTokens: number | undefined;
  readonly maxTurns: number;
  readonly concurrency: number;
  readonly maxAgents: number;
  readonly maxDepth: number;
  readonly premium: number;
  readonly now: () => number;
  readonly resumed: TaskCheckpoint | undefined;
  readonly nesting: Nesting;
  readonly givenPlan: TaskPlan | undefined;
  /** How long a tool that ignores the abort may run on, ms on the task's clock; undefined: runAgent's default. */
  readonly abortGraceMs?: number | undefined;
  /** Runs a nested task (a subagent that fans out again). */
  readonly orchestrate: (options: RunTaskOptions, nesting: Nesting) => Promise<TaskResult>;
}

/**
 * One run of a task: its ledger, its checkpoint state, and how it launches
 * agents; `createTaskServices` gives the machine its actors over it.
 * @internal
 */
export class TaskRun {
  readonly options: RunTaskOptions;
  readonly settings: TaskSettings;
  readonly ledger: TaskLedger;
  readonly startedAt: number;
  triage: Triage | undefined;
  plan: TaskPlan | undefined;
  decision: ShapeDecision | undefined;
  readonly subtasks = new Map<string, WorkOutcome>();
  /** The last error an agent failed with, for a task that fails without a throw. */
  agentError: unknown;
  merged: string[] = [];
  final: WorkOutcome | undefined;
  readonly decisions: ReportDecision[] = [];
  readonly agents = new Map<string, ReportAgent>();
  readonly governor;
  readonly ladder: LadderOptions;
  /** The lane working agents start in. */
  readonly taskLane: Lane;
  /** `lane: 'auto'`'s reading of the deadline. */
  readonly laneChoice: { readonly lane: Lane; readonly reason: string } | undefined;
  batchLane: ModelClient | undefined;
  readonly prefixTokens: number;
  /** Holds written ahead and not yet released, by reservation id. */
  readonly holds = new Map<string, OpenHold>();
  /** Holds an earlier run left open: their outcome is unknown, so they count as spent. */
  readonly unreconciled: readonly OpenHold[];
  /** Working agents' conversations at their last settled turn (kept only with a store). */
  readonly conversations = new Map<string, AgentConversation>();

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
      for (const [agent, conversation] of Object.entries(resumed.conversations ?? {}))
        this.conversations.set(agent, conversation);
    }
    this.unreconciled = [...(resumed?.unreconciled ?? []), ...(resumed?.holds ?? [])];
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
      // A released hold's outcome is known: the next checkpoint drops it.
      if (event.type === 'budget.reservation.release') this.holds.delete(event.reservation);
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
      const actor = createActor(createOrchestratorMachine(createTaskServices(this)), {
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
    await this.checkpointQuietly(status);
    const checkpoint = this.snapshot(status);
    // A step that failed without throwing (an agent whose call was refused,
    // a 401) ends the machine with no error of its own: give the agent's.
    if (status === 'failed' && error === undefined) error = this.agentError;
    if (status === 'failed' && error === undefined)
      error = new BursarError(`Task ${taskId} failed without an error from any step`);
    const report = this.report(status, status === 'failed' ? describeFailure(error) : undefined);
    this.emit({ type: 'task.finish', taskId, status, cost: report.cost });
    return {
      taskId,
      status,
      output: this.output(),
      report,
      checkpoint,
      error,
      degradation: describeDegradation(report, this.plannedGradeLoss()),
    };
  }

  /** The expected grade the planner gave up for the budget (0 when it kept the task as asked). */
  plannedGradeLoss(): number {
    const decision = this.decision;
    if (decision?.configuration === undefined) return 0;
    const priors = this.options.priors ?? defaultGradePriors;
    const kind = workKindOf(this.plan, this.triage);
    const asked = expectedGrade(
      priors,
      this.settings.models.work,
      kind,
      decision.configuration.shape,
    );
    const chosen = expectedGrade(
      priors,
      decision.configuration.workModel,
      kind,
      decision.configuration.shape,
    );
    return Math.max(0, asked - chosen);
  }

  /** The report of the task so far. */
  report(status: string, error?: string): TaskReport {
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
      ...(error === undefined ? {} : { error }),
    });
  }

  /** The final answer, or the best partial one: the reports of the subtasks that finished. */
  output(): string {
    if (this.final !== undefined && this.final.text.length > 0) return this.final.text;
    const reports = [...this.subtasks.values()].map((outcome) => outcome.text);
    return reports.join('\n\n');
  }

  emit(event: TaskEvent): void {
    try {
      this.options.onEvent?.(event);
    } catch (error) {
      console.error('[bursar] task event listener threw:', error);
    }
  }

  /** Saves a checkpoint to the store (when there is one); a failed save rejects. */
  async checkpoint(status?: string): Promise<void> {
    const store = this.settings.store;
    if (store === undefined) return;
    // The whole ledger goes in each time: linear in the calls so far, so no store, no copy.
    await store.save(this.snapshot(status));
    this.emit({ type: 'task.checkpoint', taskId: this.settings.taskId, phase: status ?? 'step' });
  }

  /**
   * Saves a checkpoint after a settled step: a failure is an event, not the
   * task's end (what was settled is paid for; the next save may succeed).
   */
  async checkpointQuietly(status?: string): Promise<void> {
    try {
      await this.checkpoint(status);
    } catch (error) {
      this.emit({
        type: 'task.checkpoint.error',
        taskId: this.settings.taskId,
        phase: status ?? 'step',
        error,
      });
    }
  }

  /**
   * Write-ahead: records a call's hold in the checkpoint before the call is
   * sent. A failed save rejects, and the call is not sent.
   */
  async writeAhead(agent: string, hold: AgentHold): Promise<void> {
    this.holds.set(hold.reservation.id, {
      reservation: hold.reservation.id,
      agent,
      label: hold.label,
      worstCase: hold.reservation.bound.usd,
    });
    await this.checkpoint();
  }

  /** The task's state as a checkpoint. */
  snapshot(status?: string): TaskCheckpoint {
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
      holds: [...this.holds.values()],
      unreconciled: this.unreconciled,
      conversations: Object.fromEntries(this.conversations),
    };
  }

  /** Whether the governor may move work to the batch lane (`lane: 'auto'` with room before the deadline). */
  latencyTolerant(): boolean {
    return this.laneChoice?.lane === 'batch';
  }

  /** The batch-lane client, made on first use. */
  batchClient(): ModelClient {
    this.batchLane ??= createBatchLaneClient(this.options.client, {
      ...this.options.batch,
      name: `${this.settings.taskId}-batch`,
    });
    return this.batchLane;
  }

  /** The agent's full name in this run's tree. */
  name(agent: string): string {
    return `${this.settings.nesting.prefix}${agent}`;
  }

  decide(kind: string, reason: string, before?: number, after?: number): void {
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
  modelFor(role: RouteRole, text: string, fallback: string): string {
    return this.options.router?.route({ role, text, attempt: 0 }).model ?? fallback;
  }

  /**
   * Runs an agent, and with a router, once more one tier up if it looped
   * (the same tool call with the same input back to back): the failed try is
   * paid for and stays in the ledger; the better of the two answers is kept.
   */
  async launch(launch: AgentLaunch): Promise<AgentResult> {
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

  async launchOnce(launch: AgentLaunch): Promise<AgentResult> {
    const { options, settings } = this;
    if (launch.role === 'subagent' && settings.nesting.depth < settings.maxDepth)
      return this.launchNested(launch);
    const working = launch.role !== 'triage' && launch.role !== 'plan';
    const name = this.name(launch.agent);
    // A resumed run continues a working agent from its last settled turn, and
    // takes the answer of one that had answered: no settled turn is paid twice.
    const saved = working ? this.conversations.get(name) : undefined;
    if (saved?.answer !== undefined)
      return {
        status: 'completed',
        text: saved.answer,
        messages: saved.messages,
        turns: saved.turns,
        usage: emptyUsage,
        cost: 0,
        error: undefined,
      };
    let firstResponse = launch.onFirstResponse;
    let outputCapped = false;
    const lane = launch.lane ?? (working ? this.taskLane : 'interactive');
    const keep = settings.store !== undefined;
    // Its options come from runTask's, checked once at the door.
    const result = await runCheckedAgent({
      client: lane === 'batch' ? this.batchClient() : options.client,
      budget: settings.budget,
      model: launch.model,
      prompt: launch.messages ?? (saved === undefined ? launch.prompt : saved.messages),
      ...roleAgentOptions(options, { ...settings, ladderOrder: this.ladder.order }, launch),
      maxTokens: launch.maxTokens,
      name,
      identity: {
        id: name,
        role: launch.role,
        ...(launch.subtask === undefined ? {} : { subtask: launch.subtask }),
      },
      ...(options.maxRetries === undefined ? {} : { maxRetries: options.maxRetries }),
      ...(options.sleep === undefined ? {} : { sleep: options.sleep }),
      ...(options.signal === undefined ? {} : { signal: options.signal }),
      ...(settings.abortGraceMs === undefined ? {} : { abortGraceMs: settings.abortGraceMs }),
      ...(keep
        ? {
            beforeCall: (hold: AgentHold) => this.writeAhead(name, hold),
            afterTurn: async (progress: AgentProgress) => {
              if (working)
                this.conversations.set(name, {
                  messages: [...progress.messages],
                  turns: progress.turns,
                });
              await this.checkpointQuietly();
            },
          }
        : {}),
      onEvent: (event: AgentEvent) => {
        if (event.type === 'agent.turn.end' && firstResponse !== undefined) {
          firstResponse();
          firstResponse = undefined;
        }
        // The first cap an agent's turn takes is the governor's decision; the rest are events.
        if (event.type === 'agent.output.cap' && !outputCapped) {
          outputCapped = true;
          this.decide(
            'cap-output',
            `${event.agent} turn ${String(event.turn + 1)}: the budget holds ${String(event.maxTokens)} output tokens of ${String(event.requested)}`,
          );
        }
        this.emit(event);
      },
    });
    if (keep && working) {
      if (result.status === 'completed')
        // A subagent's answer lives in its outcome; the others keep theirs here.
        this.conversations.set(name, {
          messages: [],
          turns: result.turns,
          ...(launch.role === 'subagent' ? {} : { answer: result.text }),
        });
      if (result.status === 'completed' && launch.role === 'subagent')
        this.conversations.delete(name);
    }
    this.agents.set(name, {
      agent: name,
      role: launch.role,
      model: this.agents.get(name)?.model ?? launch.model,
      status: result.status,
    });
    if ((result.status === 'failed' || result.status === 'max_turns') && result.error !== undefined)
      this.agentError = result.error;
    return result;
  }

  /** A subagent that may fan out again: its subtask runs as a task of its own, in the same budget. */
  async launchNested(launch: AgentLaunch): Promise<AgentResult> {
    const { settings } = this;
    const name = this.name(launch.agent);
    launch.onFirstResponse?.();
    // The nested task plans its own subtask: the parent's list is not its.
    const inherited: { -readonly [K in keyof RunTaskOptions]: RunTaskOptions[K] } = {
      ...this.options,
    };
    delete inherited.subtasks;
    const result = await settings.orchestrate(
      {
        ...inherited,
        task: launch.prompt,
        taskId: `${settings.taskId}-${launch.agent.replace(/[^A-Za-z0-9_-]/g, '_')}`.slice(0, 128),
        budget: settings.budget,
        shape: 'auto',
        store: false,
        models: { ...settings.models, work: launch.model },
        maxTokens: launch.maxTokens,
      },
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

  pressure(
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
