import * as z from 'zod';
import { InvalidArgumentError } from '../errors/invalid-argument-error';
import type { AgentRole } from '../model/model-request';
import type { PriceTable } from '../pricing/price-table';
import { checkOptions, optionsObject } from './check-options';
import {
  abortSignalSchema,
  budgetSchema,
  functionSchema,
  millisecondsSchema,
  modelClientSchema,
  textListSchema,
  textSchema,
  toolsSchema,
  wholeNumberSchema,
} from './option-schemas';
import type { RunAgentOptions } from './run-agent';

const agentRoles = Object.keys({
  triage: true,
  plan: true,
  single: true,
  subagent: true,
  continuation: true,
  synthesize: true,
  compact: true,
  agent: true,
} satisfies Record<AgentRole, true>) as [AgentRole, ...AgentRole[]];

const cacheTtlSchema = z.enum(['5m', '1h'], { error: "expected '5m' or '1h'" }).optional();

const messageSchema = z.looseObject(
  {
    role: z.enum(['user', 'assistant'], { error: "expected 'user' or 'assistant'" }),
    content: z.array(z.looseObject({ type: z.string({ error: 'expected a content part type' }) }), {
      error: 'expected a list of content parts',
    }),
  },
  { error: 'expected a message { role, content }' },
);

const promptError = 'expected the task as non-empty text, or a non-empty list of messages';

/**
 * The options of the context discipline, shared by runAgent and runTask
 * (which leaves out `prefixTracker`).
 * @internal
 */
export const contextOptionsShape = {
  prune: z
    .union(
      [
        z.boolean(),
        optionsObject({
          minResultTokens: wholeNumberSchema(0).optional(),
          prewarm: z.boolean({ error: 'expected true or false' }).optional(),
        }),
      ],
      { error: 'expected true, false or { minResultTokens?, prewarm? }' },
    )
    .optional(),
  compaction: optionsObject({
    thresholdTokens: wholeNumberSchema(1),
    model: textSchema('a model id').optional(),
    maxTokens: wholeNumberSchema(1).optional(),
  }).optional(),
};

const shape = {
  client: modelClientSchema,
  budget: budgetSchema,
  model: textSchema('a model id'),
  prompt: z.union([textSchema(), z.array(messageSchema).min(1, { error: promptError })], {
    error: promptError,
  }),
  system: z
    .union([textListSchema, functionSchema<(turn: number) => readonly string[]>('')], {
      error: "expected a list of texts (['You are terse.']) or a function of the turn",
    })
    .optional(),
  reference: textListSchema.optional(),
  tools: toolsSchema().optional(),
  maxTurns: wholeNumberSchema(1).optional(),
  maxTokens: wholeNumberSchema(1).optional(),
  minOutputTokens: wholeNumberSchema(1).optional(),
  cache: optionsObject({
    tools: cacheTtlSchema,
    system: cacheTtlSchema,
    reference: cacheTtlSchema,
    conversation: cacheTtlSchema,
  }).optional(),
  maxRetries: wholeNumberSchema(0).optional(),
  sleep: functionSchema('a sleep: (ms, signal) => Promise').optional(),
  signal: abortSignalSchema.optional(),
  name: textSchema('a name').optional(),
  identity: optionsObject({
    id: textSchema('an id'),
    role: z.enum(agentRoles, { error: `expected one of ${agentRoles.join(', ')}` }),
    subtask: z.string({ error: 'expected text' }).optional(),
  }).optional(),
  abortGraceMs: millisecondsSchema.optional(),
  beforeCall: functionSchema('a function: (hold) => Promise').optional(),
  afterTurn: functionSchema('a function: (progress) => Promise').optional(),
  onEvent: functionSchema('a listener: (event) => void').optional(),
  context: optionsObject({
    ...contextOptionsShape,
    prefixTracker: z
      .custom((value) => typeof value === 'object' && value !== null, {
        error: 'expected a PrefixTracker',
      })
      .optional(),
  }).optional(),
} satisfies { readonly [K in keyof Required<RunAgentOptions>]: z.ZodType };

const runAgentOptionsSchema = optionsObject(shape, '{ client, budget, model, prompt, ... }');

/**
 * Checks the options of `runAgent` before anything is spent: every option's
 * type and range, unknown keys (listing the known ones), a `Budget` rather
 * than budget options, tools with unique names and zod input schemas, a
 * non-empty prompt, models the budget's price table knows, and `maxTokens`
 * within the model's largest output. Throws an {@link InvalidArgumentError}
 * naming the option and the value received.
 *
 * @example
 * ```ts
 * checkRunAgentOptions({ client, budget, model: 'claude-sonnet-4-6', prompt: '' });
 * // InvalidArgumentError: Invalid prompt: expected the task as non-empty text, ... (received "").
 * ```
 */
export function checkRunAgentOptions(options: unknown): asserts options is RunAgentOptions {
  checkOptions(runAgentOptionsSchema, options);
  const checked = options as RunAgentOptions;
  const pruning = checked.context?.prune ?? false;
  if (pruning !== false) checkOptions(z.object({ tools: toolsSchema(['recall']) }), checked);
  const maxTokens = checked.maxTokens ?? 1024;
  const minOutputTokens = checked.minOutputTokens;
  if (minOutputTokens !== undefined && minOutputTokens > maxTokens)
    throw new InvalidArgumentError({
      argument: 'minOutputTokens',
      value: minOutputTokens,
      message: `expected a whole number from 1 to maxTokens (${String(maxTokens)})`,
    });
  const table = checked.budget.priceTable;
  checkOutputCap(table, checked.model, 'model', maxTokens, 'maxTokens');
  const compaction = checked.context?.compaction;
  if (compaction !== undefined)
    checkOutputCap(
      table,
      compaction.model ?? 'claude-haiku-4-5',
      'context.compaction.model',
      compaction.maxTokens ?? 2048,
      'context.compaction.maxTokens',
    );
}

/**
 * Checks that `model` is in the price table and that `maxTokens` is within
 * its largest output (the API refuses more, after the prompt was counted).
 * @internal
 */
export function checkOutputCap(
  table: PriceTable,
  model: string,
  modelArgument: string,
  maxTokens: number,
  maxTokensArgument: string,
): void {
  const pricing = table.resolve(model, modelArgument);
  if (maxTokens > pricing.maxOutputTokens)
    throw new InvalidArgumentError({
      argument: maxTokensArgument,
      value: maxTokens,
      message: `expected at most ${String(pricing.maxOutputTokens)}, the largest output of ${pricing.id}`,
    });
}
