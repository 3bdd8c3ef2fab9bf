import type { Workload } from '@bursar/simulator';
import type { Backend } from './backend';
import { formatComparison } from './format-comparison';
import type { Progress } from './progress';
import { runComparison, type ComparisonRun } from './run-comparison';
import { summarizeComparison, type ComparisonSummary } from './summarize-comparison';
import { pickTaskSets } from './task-sets';
import { writeReports, type WrittenReport } from './write-reports';

/** Options of {@link runDemo}. */
export interface DemoOptions {
  readonly backend: Backend;
  readonly workloads: readonly Workload[];
  /** Tasks per set (parallel, sequential), 1 to 4. */
  readonly tasksPerSet: number;
  /**
   * Each run's hard budget, dollars as decimal strings: the whole comparison
   * runs once per budget, every run of it under that budget.
   */
  readonly budgetsUsd: readonly string[];
  /** Where the HTML report of the first task's auto run goes (the other shapes' pages beside it). */
  readonly out: string;
  readonly progress?: Progress;
  readonly signal?: AbortSignal;
}

/** The comparison under one budget. */
export interface DemoSection {
  readonly perTaskUsd: string;
  readonly runs: readonly ComparisonRun[];
  readonly summary: ComparisonSummary;
  /** The tables and findings, as printed. */
  readonly text: string;
}

/** What the demo ran, what it found, and what it wrote. */
export interface DemoResult {
  readonly sections: readonly DemoSection[];
  /** The pages of the first task under the last budget given. */
  readonly reports: readonly WrittenReport[];
}

/**
 * The demo end to end: pick the task sets; under each budget, run each task
 * single, fan-out and auto, and summarize; then write the HTML reports of
 * the first task under the last budget.
 *
 * @example
 * ```ts
 * const backend = createSimulatorBackend({ workloads });
 * const { sections, reports } = await runDemo({ backend, workloads, tasksPerSet: 3, budgetsUsd: ['0.50', '0.05'], out });
 * ```
 */
export async function runDemo(options: DemoOptions): Promise<DemoResult> {
  const { progress } = options;
  const cases = pickTaskSets(options.workloads, options.tasksPerSet);
  const sections: DemoSection[] = [];
  for (const perTaskUsd of options.budgetsUsd) {
    const runs = await runComparison({
      backend: options.backend,
      cases,
      perTaskUsd,
      ...(options.signal === undefined ? {} : { signal: options.signal }),
      ...(progress === undefined
        ? {}
        : {
            onRunStart: (position) => {
              progress.runStart(position);
            },
            onEvent: (event) => {
              progress.event(event);
            },
            onRunEnd: (run, position) => {
              progress.runEnd(run, position);
            },
          }),
    });
    const summary = summarizeComparison(runs);
    const text = formatComparison(summary, { backend: options.backend.kind, perTaskUsd });
    sections.push({ perTaskUsd, runs, summary, text });
  }
  progress?.stop();
  const last = sections.at(-1);
  const reports = last === undefined ? [] : await writeReports(last.runs, options.out);
  return { sections, reports };
}
