import * as z from 'zod';
import { checkOptions, optionsObject } from '../agent/check-options';
import {
  abortSignalSchema,
  budgetSchema,
  functionSchema,
  millisecondsSchema,
  modelClientSchema,
  textSchema,
  wholeNumberSchema,
} from '../agent/option-schemas';
import type { RunBatchOptions } from './run-batch';

/**
 * How a batch is polled ({@link BatchPollOptions}).
 * @internal
 */
export const batchPollSchema = optionsObject({
  initialDelayMs: millisecondsSchema.optional(),
  maxDelayMs: millisecondsSchema.optional(),
  multiplier: z
    .number({ error: 'expected a number of at least 1' })
    .min(1, { error: 'expected a number of at least 1' })
    .optional(),
  maxErrors: wholeNumberSchema(1).optional(),
});

/**
 * The batch lane's clock: `now()` and `sleep(ms, signal)`.
 * @internal
 */
export const batchClockSchema = z.custom(
  (value) =>
    typeof value === 'object' &&
    value !== null &&
    typeof (value as Record<string, unknown>)['now'] === 'function' &&
    typeof (value as Record<string, unknown>)['sleep'] === 'function',
  { error: 'expected { now(), sleep(ms, signal) }' },
);

/**
 * Lane preferences: `interactive`, `batch` or `auto`.
 * @internal
 */
export const lanePreferenceSchema = z.enum(['interactive', 'batch', 'auto'], {
  error: "expected 'interactive', 'batch' or 'auto'",
});

const runBatchOptionsSchema = optionsObject(
  {
    client: modelClientSchema,
    budget: budgetSchema,
    deadline: z
      .union([z.number(), z.date()], { error: 'expected a time in ms on the clock, or a Date' })
      .optional(),
    lane: lanePreferenceSchema.optional(),
    limits: optionsObject({
      maxRequests: wholeNumberSchema(1).optional(),
      maxBytes: wholeNumberSchema(1).optional(),
    }).optional(),
    poll: batchPollSchema.optional(),
    clock: batchClockSchema.optional(),
    expectedBatchMs: millisecondsSchema.optional(),
    interactiveLatencyMs: millisecondsSchema.optional(),
    interactiveConcurrency: wholeNumberSchema(1).optional(),
    retryInteractively: z.boolean({ error: 'expected true or false' }).optional(),
    maxRetries: wholeNumberSchema(0).optional(),
    signal: abortSignalSchema.optional(),
    onEvent: functionSchema('a listener: (event) => void').optional(),
    name: textSchema('a name').optional(),
  } satisfies { readonly [K in keyof Required<RunBatchOptions>]: z.ZodType },
  '{ client, budget, deadline?, ... }',
);

/**
 * Checks the options of `runBatch` at its door, before any item is held or
 * sent: each option's type and range, and unknown keys (listing the known
 * ones). Throws an `InvalidArgumentError` naming the option and the value.
 *
 * @example
 * ```ts
 * checkRunBatchOptions({ client, budget, dedline: Date.now() });
 * // InvalidArgumentError: Invalid dedline: unknown option dedline; known options: client, budget, deadline, ...
 * ```
 */
export function checkRunBatchOptions(options: unknown): asserts options is RunBatchOptions {
  checkOptions(runBatchOptionsSchema, options);
}
