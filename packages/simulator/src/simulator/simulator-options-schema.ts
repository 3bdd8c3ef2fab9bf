import * as z from 'zod';
import { faultKinds } from '../faults/fault-injector';
import { workloadSchema } from '../workloads/workload-schema';
import { optionsObject } from './check-options';

const nonNegative = (what: string) =>
  z
    .number({ error: `expected a non-negative number of ${what}` })
    .min(0, { error: `expected a non-negative number of ${what}` });

const positive = (what: string) =>
  z
    .number({ error: `expected a positive number of ${what}` })
    .positive({ error: `expected a positive number of ${what}` });

const share = z
  .number({ error: 'expected a share between 0 and 1' })
  .min(0, { error: 'expected a share between 0 and 1' })
  .max(1, { error: 'expected a share between 0 and 1' });

const seedSchema = z.union([z.string(), z.number()], {
  error: 'expected a seed: text or a number',
});

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null;

const clockMethods = ['now', 'advanceBy', 'advanceTo', 'waitUntil'] as const;

const clockSchema = z.custom(
  (value) => {
    if (value === 'virtual' || value === 'real') return true;
    return (
      isObject(value) &&
      (value['mode'] === 'virtual' || value['mode'] === 'real') &&
      clockMethods.every((method) => typeof value[method] === 'function')
    );
  },
  `expected 'virtual', 'real' or a SimulatorClock (mode, ${clockMethods.join(', ')})`,
);

const faultKindSchema = z.enum(faultKinds as [string, ...string[]], {
  error: `expected a fault kind (${faultKinds.join(', ')})`,
});

/** The fault settings (`faults`, `configureFaults`, POST /_sim/faults). @internal */
export const faultOptionsSchema = optionsObject({
  rate: share.optional(),
  kinds: z.array(faultKindSchema, { error: 'expected a list of fault kinds' }).optional(),
  retryAfterSeconds: z
    .number({ error: 'expected a whole number of seconds' })
    .int({ error: 'expected a whole number of seconds' })
    .min(0, { error: 'expected a whole number of seconds' })
    .optional(),
  next: z.array(faultKindSchema, { error: 'expected a list of fault kinds' }).optional(),
  seed: seedSchema.optional(),
});

/** The batch lane's per-request faults. @internal */
export const batchFaultOptionsSchema = optionsObject({
  erroredRate: share.optional(),
  expiredRate: share.optional(),
});

const latencySchema = optionsObject({
  mode: z.enum(['realistic', 'zero'], { error: "expected 'realistic' or 'zero'" }).optional(),
  baseMs: nonNegative('milliseconds').optional(),
  uncachedMsPerToken: nonNegative('milliseconds a token').optional(),
  cachedMsPerToken: nonNegative('milliseconds a token').optional(),
  outputTokensPerSecond: z
    .record(z.string(), positive('tokens a second'), {
      error: "expected tokens a second by model id ({ 'claude-sonnet-4-6': 60 })",
    })
    .optional(),
  defaultOutputTokensPerSecond: positive('tokens a second').optional(),
});

const rateLimitsSchema = optionsObject({
  requestsPerMinute: positive('requests a minute').optional(),
  inputTokensPerMinute: positive('input tokens a minute').optional(),
  outputTokensPerMinute: positive('output tokens a minute').optional(),
});

const priceTableSchema = z.custom(
  (value) =>
    isObject(value) && typeof value['resolve'] === 'function' && Array.isArray(value['models']),
  'expected a price table (createPriceTable from @bursar/core/pricing)',
);

/**
 * Every option of `createSimulator`: unknown keys are refused with the list of
 * known ones; values are checked, not copied.
 * @internal
 */
export const simulatorOptionsSchema = optionsObject(
  {
    seed: seedSchema.optional(),
    clock: clockSchema.optional(),
    autoAdvance: z.boolean({ error: 'expected true or false' }).optional(),
    concurrencyWindowMs: nonNegative('milliseconds').optional(),
    latency: latencySchema.optional(),
    faults: faultOptionsSchema.optional(),
    rateLimits: rateLimitsSchema.optional(),
    priceTable: priceTableSchema.optional(),
    batchProcessingMs: nonNegative('milliseconds').optional(),
    responder: z
      .custom((value) => typeof value === 'function', {
        error: 'expected a function: (request, context) => answer | undefined',
      })
      .optional(),
    batchFaults: batchFaultOptionsSchema.optional(),
    workloads: z.array(workloadSchema, { error: 'expected a list of workloads' }).optional(),
  },
  'an object of simulator options',
);

/** What `configureFaults` and POST /_sim/faults take: fault settings and `batch`. @internal */
export const configureFaultsSchema = optionsObject(
  { ...faultOptionsSchema.shape, batch: batchFaultOptionsSchema.optional() },
  'an object of fault settings',
);
