import {
  runTask,
  type Nanodollars,
  type RequestedShape,
  type TaskEvent,
  type TaskReport,
} from '@bursar/core';
import { describeTaskFailure, workloadAgentTools } from '@bursar-examples/support';
import type { Backend } from './backend';
import type { TaskCase } from './task-sets';

/** The three ways each task is run. */
export const demoShapes: readonly RequestedShape[] = ['single', 'fanOut', 'auto'];

/** One task run one way. */
export interface ComparisonRun {
  readonly taskCase: TaskCase;
  /** The shape asked for (`auto` lets the orchestrator choose). */
  readonly shape: RequestedShape;
  readonly status: string;
  readonly output: string;
  readonly report: TaskReport;
  /** The share of the task's required facts the answer states, 0 to 1. */
  readonly grade: number;
  /** What the provider billed for this run (the simulator's invoice); undefined on the real API. */
  readonly billed: Nanodollars | undefined;
  /**
   * Why the run failed, for `failed`: the task's error message (the provider
   * adapter redacts the key), else the agents that failed.
   */
  readonly error?: string;
}

/** Where a run sits in the demo, for progress. */
export interface RunPosition {
  readonly index: number;
  readonly total: number;
  readonly taskCase: TaskCase;
  readonly shape: RequestedShape;
  /** The run's budget, dollars. */
  readonly perTaskUsd: string;
}

/** Options of {@link runComparison}. */
export interface ComparisonOptions {
  readonly backend: Backend;
  readonly cases: readonly TaskCase[];
  /** The same budget for every run of every task, dollars as a decimal string. */
  readonly perTaskUsd: string;
  /** @default demoShapes */
  readonly shapes?: readonly RequestedShape[];
  /** Subagents at once in a fan-out. @default 4 */
  readonly concurrency?: number;
  readonly signal?: AbortSignal;
  readonly onRunStart?: (position: RunPosition) => void;
  /** Every event of the running task (its agents and its budget too). */
  readonly onEvent?: (event: TaskEvent) => void;
  readonly onRunEnd?: (run: ComparisonRun, position: RunPosition) => void;
}

/**
 * Runs every task of `cases` once per shape, one run at a time, each under
 * the same budget and (on the simulator) on a cold cache, and returns the
 * runs in order: task by task, shapes in the order given.
 *
 * @example
 * ```ts
 * const runs = await runComparison({ backend, cases: pickTaskSets(workloads, 2), perTaskUsd: '0.50' });
 * runs.map((run) => run.report.cost);
 * ```
 */
export async function runComparison(options: ComparisonOptions): Promise<ComparisonRun[]> {
  const shapes = options.shapes ?? demoShapes;
  const total = options.cases.length * shapes.length;
  const runs: ComparisonRun[] = [];
  for (const taskCase of options.cases) {
    const tools = workloadAgentTools(taskCase.workload);
    for (const shape of shapes) {
      const position = {
        index: runs.length,
        total,
        taskCase,
        shape,
        perTaskUsd: options.perTaskUsd,
      };
      options.onRunStart?.(position);
      const runBudget = options.backend.beginRun(
        `${taskCase.task.id}-${shape}`,
        options.perTaskUsd,
      );
      try {
        const result = await runTask({
          task: taskCase.task.prompt,
          client: options.backend.client,
          budget: runBudget.budget,
          shape,
          tools,
          system: [...runBudget.systemPrefix, taskCase.workload.systemPrompt],
          store: false,
          now: options.backend.now,
          ...(options.concurrency === undefined ? {} : { concurrency: options.concurrency }),
          ...(options.signal === undefined ? {} : { signal: options.signal }),
          ...(options.onEvent === undefined ? {} : { onEvent: options.onEvent }),
        });
        const run: ComparisonRun = {
          taskCase,
          shape,
          status: result.status,
          output: result.output,
          report: result.report,
          grade: options.backend.grade(taskCase.task.id, result.output),
          billed: options.backend.billed(),
          ...(result.status === 'failed' ? { error: describeTaskFailure(result) } : {}),
        };
        runs.push(run);
        options.onRunEnd?.(run, position);
      } finally {
        runBudget.close();
      }
    }
  }
  return runs;
}
