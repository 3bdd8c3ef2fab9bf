import {
  runTask,
  type BatchEvent,
  type Lane,
  type LanePreference,
  type Nanodollars,
  type TaskEvent,
  type TaskReport,
} from '@bursar/core';
import type { Workload } from '@bursar/simulator';
import {
  describeTaskFailure,
  findWorkloadTask,
  workloadAgentTools,
} from '@bursar-examples/support';
import type { LaneBackend } from './backend';

/** One run of the task. */
export interface TaskLaneRun {
  /** What the run is, for tables: `interactive`, `batch`, `auto, deadline in 1 day`… */
  readonly label: string;
  readonly lane: LanePreference;
  /** The deadline, ms after the run started; undefined for none. */
  readonly deadlineMs: number | undefined;
  readonly status: string;
  readonly report: TaskReport;
  /** The share of the task's required facts the answer states, 0 to 1. */
  readonly grade: number;
  /** What the provider billed for the run (the simulator's invoice); undefined on the real API. */
  readonly billed: Nanodollars | undefined;
  /** What the working agents (the subagents, or the single agent) cost. */
  readonly workingCost: Nanodollars;
  /** Billed calls per lane, from the report's timeline. */
  readonly calls: Readonly<Record<Lane, number>>;
  /** Why the run failed, for `failed` (the provider adapter redacts the key). */
  readonly error?: string;
}

/** What {@link runTaskLanes} returns. */
export interface TaskLanes {
  readonly workloadId: string;
  readonly taskId: string;
  /** The fan-out in the interactive lane, then in the batch lane. */
  readonly interactive: TaskLaneRun;
  readonly batch: TaskLaneRun;
  /** `lane: 'auto'` under a tight budget, the deadline a day away, then a minute away. */
  readonly roomy: TaskLaneRun;
  readonly rushed: TaskLaneRun;
}

/** Options of {@link runTaskLanes}. */
export interface TaskLanesOptions {
  readonly backend: LaneBackend;
  readonly workloads: readonly Workload[];
  /** @default 'fanoutqa-parallel' */
  readonly workloadId?: string;
  /** @default the workload's first task */
  readonly taskId?: string;
  /** The budget of the interactive and batch runs, dollars. @default '2' */
  readonly budgetUsd?: string;
  /** The tight budget of the two auto runs, dollars. @default '0.04' */
  readonly tightUsd?: string;
  /** Every task event of every run, with the run's label. */
  readonly onTaskEvent?: (label: string, event: TaskEvent) => void;
  /** Every event of the batch lane client of every run, with the run's label. */
  readonly onBatchEvent?: (label: string, event: BatchEvent) => void;
}

const day = 24 * 3_600_000;
const minute = 60_000;

/**
 * Runs one FanOutQA task with `runTask` four times, each on a cold cache
 * under a hard budget:
 *
 * - fanned out six at a time, the working agents in the interactive lane,
 *   then in the batch lane (`lane: 'batch'`; triage and planning stay
 *   interactive);
 * - `lane: 'auto'` under a tight budget, one subagent at a time, the work
 *   model (claude-sonnet-4-6) and pruning (off) pinned so budget-fit planning
 *   leaves the configuration as asked, with the deadline a day away (the
 *   governor may move the working agents' calls to the batch lane), then a
 *   minute away (it may not).
 *
 * @example
 * ```ts
 * const lanes = await runTaskLanes({ backend, workloads: loadShippedWorkloads() });
 * lanes.roomy.report.decisions.some((decision) => decision.kind === 'batch'); // true
 * ```
 */
export async function runTaskLanes(options: TaskLanesOptions): Promise<TaskLanes> {
  const { backend } = options;
  const workloadId = options.workloadId ?? 'fanoutqa-parallel';
  const { workload, task } = findWorkloadTask(options.workloads, workloadId, options.taskId);
  const tools = workloadAgentTools(workload);

  const runIn = async (
    label: string,
    lane: LanePreference,
    settings: {
      usd: string;
      shape?: 'fanOut';
      concurrency: number;
      deadlineMs?: number;
      maxWaitMs: number;
      /**
       * Pin the work model and pruning, so budget-fit planning cannot meet
       * the budget by a cheaper configuration and its pressure falls on the lane.
       */
      pinned?: boolean;
    },
  ): Promise<TaskLaneRun> => {
    const run = backend.beginRun(label, settings.usd);
    try {
      const started = backend.clock.now();
      const result = await runTask({
        task: task.prompt,
        client: backend.client,
        budget: run.budget,
        tools,
        system: [...run.systemPrefix, workload.systemPrompt],
        store: false,
        ...(settings.shape === undefined ? {} : { shape: settings.shape }),
        ...(settings.pinned === true
          ? { models: { work: 'claude-sonnet-4-6' }, context: { prune: false } }
          : {}),
        concurrency: settings.concurrency,
        lane,
        ...(settings.deadlineMs === undefined ? {} : { deadline: started + settings.deadlineMs }),
        batch: {
          clock: backend.clock,
          maxWaitMs: settings.maxWaitMs,
          onEvent: (event) => options.onBatchEvent?.(label, event),
        },
        now: () => backend.clock.now(),
        onEvent: (event) => options.onTaskEvent?.(label, event),
      });
      const { report } = result;
      const calls: Record<Lane, number> = { batch: 0, interactive: 0 };
      for (const entry of report.timeline) calls[entry.lane] += 1;
      return {
        label,
        lane,
        deadlineMs: settings.deadlineMs,
        status: result.status,
        report,
        grade: backend.grade(task.id, result.output),
        billed: backend.invoice()?.total,
        workingCost: report.byAgent
          .filter((agent) => agent.role === 'subagent' || agent.role === 'single')
          .reduce((sum, agent) => sum + agent.cost, 0),
        calls,
        ...(result.status === 'failed' ? { error: describeTaskFailure(result) } : {}),
      };
    } finally {
      run.close();
    }
  };

  const usd = options.budgetUsd ?? '2';
  const tight = options.tightUsd ?? '0.04';
  // Six subagents at once; a batch waits a second for company, so a turn's siblings share it.
  const interactive = await runIn('interactive', 'interactive', {
    usd,
    shape: 'fanOut',
    concurrency: 6,
    maxWaitMs: 1_000,
  });
  const batch = await runIn('batch', 'batch', {
    usd,
    shape: 'fanOut',
    concurrency: 6,
    maxWaitMs: 1_000,
  });
  const roomy = await runIn('auto, deadline in 1 day', 'auto', {
    usd: tight,
    concurrency: 1,
    deadlineMs: day,
    maxWaitMs: 0,
    pinned: true,
  });
  const rushed = await runIn('auto, deadline in 1 minute', 'auto', {
    usd: tight,
    concurrency: 1,
    deadlineMs: minute,
    maxWaitMs: 0,
    pinned: true,
  });
  return { workloadId, taskId: task.id, interactive, batch, roomy, rushed };
}
