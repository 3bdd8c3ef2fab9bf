import * as z from 'zod';
import { checkOptions, optionsObject } from '../agent/check-options';
import {
  abortSignalSchema,
  budgetOrOptionsSchema,
  functionSchema,
  millisecondsSchema,
  modelClientSchema,
  textListSchema,
  textSchema,
  toolsSchema,
  wholeNumberSchema,
} from '../agent/option-schemas';
import { contextOptionsShape } from '../agent/run-agent-options-schema';
import {
  batchClockSchema,
  batchPollSchema,
  lanePreferenceSchema,
} from '../batch/run-batch-options-schema';
import { InvalidArgumentError } from '../errors/invalid-argument-error';
import { degradationKinds, type DegradationKind } from '../budget/degradation-ladder';
import type { ResumeTaskOptions, RunTaskOptions } from './run-task-options';
import type { TaskStore } from './task-checkpoint';
import type { Subtask } from './task-plan';

const modelSchema = textSchema('a model id');

const positiveEstimate = z
  .number({ error: 'expected a positive number' })
  .positive({ error: 'expected a positive number' });

const shareSchema = z
  .number({ error: 'expected a share of the limit above 0 and at most 1 (0.8 = 80%)' })
  .gt(0, { error: 'expected a share of the limit above 0 and at most 1 (0.8 = 80%)' })
  .max(1, { error: 'expected a share of the limit above 0 and at most 1 (0.8 = 80%)' });

const kindSchema = z.enum(degradationKinds as [DegradationKind, ...DegradationKind[]], {
  error: `expected a ladder step: ${degradationKinds.join(', ')}`,
});

const storeSchema = z.union(
  [
    z.literal(false),
    z.custom<TaskStore>(
      (value) =>
        typeof value === 'object' &&
        value !== null &&
        typeof (value as Record<string, unknown>)['save'] === 'function' &&
        typeof (value as Record<string, unknown>)['load'] === 'function',
    ),
  ],
  {
    error:
      'expected a TaskStore ({ save, load }: createFileTaskStore(dir), createMemoryTaskStore()), or nothing for no checkpoints',
  },
);

/**
 * Subtasks a caller gives, each well formed; {@link checkSubtaskGraph} then
 * checks the graph. (Not a zod refinement: one on the array made checking a
 * thousand subtasks ten times slower, 0.3 ms to 3.5 ms.)
 * @internal
 */
export const subtasksSchema = z
  .array(
    optionsObject({
      id: textSchema('an id as non-empty text'),
      question: textSchema('the question as non-empty text'),
      dependsOn: z
        .array(z.string({ error: 'expected the id of a subtask' }), {
          error: 'expected a list of subtask ids',
        })
        .optional(),
    }),
    { error: 'expected a non-empty list of { id, question, dependsOn? }' },
  )
  .min(1, { error: 'expected a non-empty list of { id, question, dependsOn? }' });

/**
 * Checks the graph of well-formed subtasks: ids unique, every dependency a
 * subtask of the list, and no cycle (a subtask waiting on itself, however
 * far round, would never start). Throws an `InvalidArgumentError` naming the
 * subtask (`subtasks[1].id`, `subtasks[0].dependsOn[2]`).
 * @internal
 */
export function checkSubtaskGraph(subtasks: readonly Subtask[]): void {
  const index = new Map<string, number>();
  subtasks.forEach((subtask, at) => {
    const earlier = index.get(subtask.id);
    if (earlier !== undefined)
      throw new InvalidArgumentError({
        argument: `subtasks[${String(at)}].id`,
        value: subtask.id,
        message: `expected each id once; subtasks[${String(earlier)}] has it too`,
      });
    index.set(subtask.id, at);
  });
  subtasks.forEach((subtask, at) => {
    // eslint-disable-next-line @typescript-eslint/no-unnecessary-condition -- optional in what callers pass
    (subtask.dependsOn ?? []).forEach((id, position) => {
      if (!index.has(id))
        throw new InvalidArgumentError({
          argument: `subtasks[${String(at)}].dependsOn[${String(position)}]`,
          value: id,
          message: `expected the id of a subtask of the list (${[...index.keys()].join(', ')})`,
        });
    });
  });
  const cycle = findCycle(subtasks, index);
  if (cycle !== undefined)
    throw new InvalidArgumentError({
      argument: `subtasks[${String(cycle.at)}].dependsOn`,
      value: subtasks[cycle.at]?.dependsOn,
      message: `expected no cycle: ${describeCycle(cycle.ids)} waits on itself`,
    });
}

/** The ids round a cycle, the middle of a long one left out. */
function describeCycle(ids: readonly string[]): string {
  if (ids.length <= 8) return ids.join(' -> ');
  return `${ids.slice(0, 4).join(' -> ')} -> ... (${String(ids.length - 7)} more) -> ${ids.slice(-3).join(' -> ')}`;
}

/**
 * A cycle of dependencies, as the ids round it, or undefined. Depth-first
 * with an explicit stack, so a chain of any length does not overflow.
 */
function findCycle(
  subtasks: readonly Subtask[],
  index: ReadonlyMap<string, number>,
): { at: number; ids: string[] } | undefined {
  const state = new Map<string, 'open' | 'done'>();
  const dependenciesOf = (id: string): readonly string[] =>
    subtasks[index.get(id) ?? -1]?.dependsOn ?? [];
  for (const root of subtasks) {
    if (state.has(root.id)) continue;
    const path: { id: string; next: number }[] = [{ id: root.id, next: 0 }];
    state.set(root.id, 'open');
    while (path.length > 0) {
      const top = path[path.length - 1];
      if (top === undefined) break;
      const dependency = dependenciesOf(top.id)[top.next];
      if (dependency === undefined) {
        state.set(top.id, 'done');
        path.pop();
        continue;
      }
      top.next += 1;
      const seen = state.get(dependency);
      if (seen === 'done') continue;
      if (seen === 'open') {
        const ids = path.map((step) => step.id);
        const cycle = [...ids.slice(ids.indexOf(dependency)), dependency];
        return { at: index.get(dependency) ?? 0, ids: cycle };
      }
      state.set(dependency, 'open');
      path.push({ id: dependency, next: 0 });
    }
  }
  return undefined;
}

const thresholdsSchema = optionsObject({
  caution: shareSchema.optional(),
  critical: shareSchema.optional(),
  target: shareSchema.optional(),
}).superRefine((thresholds, context) => {
  if (![thresholds.caution, thresholds.critical].every((share) => typeof share !== 'string'))
    return;
  const caution = thresholds.caution ?? 0.8;
  const critical = thresholds.critical ?? 1;
  if (caution >= critical)
    context.addIssue({
      code: 'custom',
      path: [thresholds.caution === undefined ? 'critical' : 'caution'],
      message:
        thresholds.caution === undefined
          ? `expected above caution (0.8 by default)`
          : `expected below critical (${String(critical)}${thresholds.critical === undefined ? ' by default' : ''})`,
    });
});

const routerSchema = z.custom(
  (value) =>
    typeof value === 'object' &&
    value !== null &&
    typeof (value as Record<string, unknown>)['route'] === 'function' &&
    typeof (value as Record<string, unknown>)['escalate'] === 'function',
  { error: 'expected a Router (createRouter)' },
);

/** Every option of `runTask` with its schema. @internal */
const runTaskShape = {
  task: textSchema('the task as non-empty text'),
  client: modelClientSchema,
  budget: budgetOrOptionsSchema,
  shape: z
    .enum(['auto', 'single', 'fanOut'], { error: "expected 'auto', 'single' or 'fanOut'" })
    .optional(),
  subtasks: subtasksSchema.optional(),
  tools: toolsSchema(['recall']).optional(),
  system: textListSchema.optional(),
  reference: textListSchema.optional(),
  models: optionsObject({
    triage: modelSchema.optional(),
    plan: modelSchema.optional(),
    work: modelSchema.optional(),
    synthesize: modelSchema.optional(),
  }).optional(),
  router: routerSchema.optional(),
  maxTokens: wholeNumberSchema(1).optional(),
  minOutputTokens: wholeNumberSchema(1).optional(),
  maxTurns: wholeNumberSchema(1).optional(),
  concurrency: wholeNumberSchema(1).optional(),
  maxAgents: wholeNumberSchema(1).optional(),
  maxDepth: wholeNumberSchema(0).optional(),
  maxFanOutPremium: z
    .number({ error: 'expected a share of at least 0 (0.25 = 25%)' })
    .min(0, { error: 'expected a share of at least 0 (0.25 = 25%)' })
    .optional(),
  priors: optionsObject({
    byModel: z.record(
      modelSchema,
      z.partialRecord(
        z.enum(
          ['parallel', 'serial', 'longSerial'].flatMap((kind) =>
            ['single', 'fanOut'].map((shape) => `${kind}.${shape}`),
          ) as [string, ...string[]],
          { error: 'expected <parallel|serial|longSerial>.<single|fanOut>' },
        ),
        z
          .number({ error: 'expected a grade from 0 to 1' })
          .min(0, { error: 'expected a grade from 0 to 1' })
          .max(1, { error: 'expected a grade from 0 to 1' }),
      ),
      { error: 'expected { model: { "serial.single": grade, ... } }' },
    ),
    unknown: z
      .number({ error: 'expected a grade from 0 to 1' })
      .min(0, { error: 'expected a grade from 0 to 1' })
      .max(1, { error: 'expected a grade from 0 to 1' }),
    source: z.string({ error: 'expected text' }).optional(),
  }).optional(),
  estimates: optionsObject({
    turnsPerSubtask: z
      .number({ error: 'expected a number of at least 1' })
      .min(1, { error: 'expected a number of at least 1' })
      .optional(),
    growthPerTurn: positiveEstimate.optional(),
    outputPerTurn: positiveEstimate.optional(),
    reportTokens: positiveEstimate.optional(),
  }).optional(),
  ladder: optionsObject({
    order: z.array(kindSchema, { error: 'expected a list of ladder steps' }).optional(),
    qualityLoss: z
      .partialRecord(
        kindSchema,
        z
          .number({ error: 'expected a share from 0 to 1' })
          .min(0, { error: 'expected a share from 0 to 1' })
          .max(1, { error: 'expected a share from 0 to 1' }),
        { error: 'expected { step: loss from 0 to 1 }' },
      )
      .optional(),
    modelTiers: z
      .array(modelSchema, { error: 'expected a list of model ids, cheapest first' })
      .min(1, { error: 'expected a list of model ids, cheapest first' })
      .optional(),
    collapseTo: wholeNumberSchema(1).optional(),
    qualityNeutral: z.array(kindSchema, { error: 'expected a list of ladder steps' }).optional(),
  }).optional(),
  thresholds: thresholdsSchema.optional(),
  context: optionsObject(contextOptionsShape).optional(),
  lane: lanePreferenceSchema.optional(),
  deadline: z.number({ error: 'expected a time in ms on the task clock (now)' }).optional(),
  batch: optionsObject({
    maxWaitMs: millisecondsSchema.optional(),
    maxRequests: wholeNumberSchema(1).optional(),
    maxBytes: wholeNumberSchema(1).optional(),
    clock: batchClockSchema.optional(),
    poll: batchPollSchema.optional(),
    onEvent: functionSchema('a listener: (event) => void').optional(),
    name: textSchema('a name').optional(),
    expectedBatchMs: millisecondsSchema.optional(),
  }).optional(),
  maxRetries: wholeNumberSchema(0).optional(),
  store: storeSchema.optional(),
  taskId: z
    .string({ error: 'expected 1-128 letters, digits, _ or -' })
    .regex(/^[A-Za-z0-9_-]{1,128}$/, { error: 'expected 1-128 letters, digits, _ or -' })
    .optional(),
  signal: abortSignalSchema.optional(),
  abortGraceMs: millisecondsSchema.optional(),
  onEvent: functionSchema('a listener: (event) => void').optional(),
  now: functionSchema('a clock: () => ms').optional(),
  sleep: functionSchema('a sleep: (ms, signal) => Promise').optional(),
} satisfies { readonly [K in keyof Required<RunTaskOptions>]: z.ZodType };

const runTaskOptionsSchema = optionsObject(runTaskShape, '{ task, client, budget, ... }');

/** What a checkpoint has, or resumeTask decides: not options of resumeTask. */
const fromCheckpoint = ['task', 'taskId', 'shape', 'subtasks', 'budget'];
const resumeShared = Object.fromEntries(
  Object.entries(runTaskShape).filter(([key]) => !fromCheckpoint.includes(key)),
) as Omit<typeof runTaskShape, 'task' | 'taskId' | 'shape' | 'subtasks' | 'budget'>;

const resumeTaskOptionsSchema = optionsObject(
  { ...resumeShared, budget: runTaskShape.budget.optional() } satisfies {
    readonly [K in keyof Required<ResumeTaskOptions>]: z.ZodType;
  },
  '{ client, budget?, ... }',
);

/**
 * Checks the options of `runTask` before anything is spent: each option's
 * type and range, unknown keys (listing the known ones), tools (unique names,
 * zod input schemas), the subtask graph (unique ids, dependencies present,
 * no cycle), thresholds (shares in (0, 1], caution below critical) and the
 * options that depend on each other. Models and `maxTokens` against each
 * model's largest output are checked by `runTask` once it has the budget's
 * price table. Throws an `InvalidArgumentError` naming the option and the
 * value received.
 *
 * @example
 * ```ts
 * checkRunTaskOptions({ task, client, budget: { usd: '1' }, maxAgent: 3 });
 * // InvalidArgumentError: Invalid maxAgent: unknown option maxAgent; known options: task, client, ... (received 3).
 * ```
 */
export function checkRunTaskOptions(options: unknown): asserts options is RunTaskOptions {
  checkOptions(runTaskOptionsSchema, options);
  const checked = options as RunTaskOptions;
  if (checked.subtasks !== undefined) checkSubtaskGraph(checked.subtasks);
  checkTogether(checked);
}

/**
 * Checks the options of `resumeTask`: those of `runTask` but the task, its
 * id, shape and subtasks, which the checkpoint has; `budget` is optional.
 *
 * @example
 * ```ts
 * checkResumeTaskOptions({ client, store: 'yes' }); // InvalidArgumentError naming store
 * ```
 */
export function checkResumeTaskOptions(options: unknown): asserts options is ResumeTaskOptions {
  checkOptions(resumeTaskOptionsSchema, options);
  checkTogether(options as ResumeTaskOptions);
}

function checkTogether(options: ResumeTaskOptions): void {
  const maxTokens = options.maxTokens ?? 1024;
  if (options.minOutputTokens !== undefined && options.minOutputTokens > maxTokens)
    throw new InvalidArgumentError({
      argument: 'minOutputTokens',
      value: options.minOutputTokens,
      message: `expected at most maxTokens (${String(maxTokens)})`,
    });
  const lane = options.lane ?? 'interactive';
  if (lane !== 'interactive' && options.client.batches === undefined)
    throw new InvalidArgumentError({
      argument: 'lane',
      value: lane,
      message: `the client (${options.client.provider}) has no batch lane`,
    });
}
