import type { BudgetOptions } from '../budget/budget';
import { InvalidArgumentError } from '../errors/invalid-argument-error';
import { defaultModelTiers } from '../pricing/model-tiers';
import {
  defaultGradePriors,
  workKindOf,
  type GradePriors,
  type WorkKind,
  type WorkShape,
} from './grade-priors';
import { runTask } from './run-task';
import type { RunTaskOptions, TaskResult } from './run-task-options';

/** One task of yours, with how to grade an answer to it. */
export interface CalibrationSample {
  readonly task: string;
  /** The answer's grade, 0 to 1 (your own check: facts present, tests passing, a reviewer's score). */
  readonly grade: (output: string, result: TaskResult) => number | Promise<number>;
}

/** Options of {@link calibrate}. */
export interface CalibrateOptions {
  readonly samples: readonly CalibrationSample[];
  /** What every run shares: the client, tools, system ... (not the task, shape, models or budget). */
  readonly run: Omit<
    RunTaskOptions,
    'task' | 'shape' | 'models' | 'budget' | 'priors' | 'subtasks'
  >;
  /** Each run's budget: roomy, so the grade is the model's, not the limit's. */
  readonly budget: BudgetOptions;
  /** The models to measure. @default the default tiers (haiku-4-5, sonnet-4-6, opus-4-6) */
  readonly models?: readonly string[];
  /** @default both */
  readonly shapes?: readonly WorkShape[];
  /** Called after each run, for progress. */
  readonly onRun?: (run: {
    readonly task: string;
    readonly model: string;
    readonly shape: WorkShape;
    readonly kind: WorkKind;
    readonly grade: number;
    readonly cost: number;
  }) => void;
}

/**
 * Measures the grade priors budget-fit planning uses, on your own tasks: runs
 * every sample with each model and shape under a roomy budget, grades each
 * answer with the sample's own function, and averages the grades by model,
 * kind of work (as each run's triage or plan reads it) and shape. Pass the
 * result to `runTask({ priors })`, so nothing rests on the simulator's notion
 * of difficulty when you run for real. Costs the runs it makes: try it on
 * the simulator first, then a small sample for real.
 *
 * @example
 * ```ts
 * const priors = await calibrate({
 *   samples: [{ task: 'Which river is longest?', grade: (output) => (output.includes('Amber') ? 1 : 0) }],
 *   run: { client, tools: [search] },
 *   budget: { usd: '1' },
 * });
 * await runTask({ task, client, budget: { usd: '0.05' }, priors });
 * ```
 */
export async function calibrate(options: CalibrateOptions): Promise<GradePriors> {
  const samples: unknown = (options as { samples?: unknown } | undefined)?.samples;
  if (!Array.isArray(samples) || samples.length === 0)
    throw new InvalidArgumentError({
      argument: 'samples',
      value: samples,
      message: 'expected at least one { task, grade } to run',
    });
  samples.forEach((sample: unknown, index) => {
    const { task, grade } = (sample ?? {}) as { task?: unknown; grade?: unknown };
    if (typeof task !== 'string' || task.trim().length === 0)
      throw new InvalidArgumentError({
        argument: `samples[${String(index)}].task`,
        value: task,
        message: 'expected the task as non-empty text',
      });
    if (typeof grade !== 'function')
      throw new InvalidArgumentError({
        argument: `samples[${String(index)}].grade`,
        value: grade,
        message: 'expected a function (output, result) => grade from 0 to 1',
      });
  });
  const models = options.models ?? defaultModelTiers;
  const shapes = options.shapes ?? (['single', 'fanOut'] as const);
  const sums = new Map<string, Map<string, { total: number; runs: number }>>();
  for (const sample of options.samples) {
    const graded: { model: string; shape: WorkShape; grade: number; result: TaskResult }[] = [];
    for (const model of models) {
      for (const shape of shapes) {
        const result = await runTask({
          ...options.run,
          task: sample.task,
          shape,
          models: { work: model, synthesize: model },
          budget: options.budget,
        });
        const grade = Math.min(1, Math.max(0, await sample.grade(result.output, result)));
        graded.push({ model, shape, grade, result });
      }
    }
    // One kind per task, read from the first run that planned or triaged it
    // (a run asked for one agent does neither).
    const read = graded.find(
      ({ result }) =>
        result.checkpoint.plan !== undefined || result.checkpoint.triage !== undefined,
    )?.result.checkpoint;
    const kind = workKindOf(read?.plan, read?.triage);
    for (const { model, shape, grade, result } of graded) {
      const byKey = sums.get(model) ?? new Map<string, { total: number; runs: number }>();
      const key = `${kind}.${shape}`;
      const sum = byKey.get(key) ?? { total: 0, runs: 0 };
      byKey.set(key, { total: sum.total + grade, runs: sum.runs + 1 });
      sums.set(model, byKey);
      options.onRun?.({ task: sample.task, model, shape, kind, grade, cost: result.report.cost });
    }
  }
  const byModel: Record<string, Record<string, number>> = {};
  for (const [model, byKey] of sums)
    byModel[model] = Object.fromEntries(
      [...byKey].map(([key, sum]) => [key, Math.round((sum.total / sum.runs) * 100) / 100]),
    );
  return {
    byModel,
    unknown: defaultGradePriors.unknown,
    source: `calibrate: ${String(options.samples.length)} task(s) x ${String(models.length)} model(s) x ${String(shapes.length)} shape(s)`,
  };
}
