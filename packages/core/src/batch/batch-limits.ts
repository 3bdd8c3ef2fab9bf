import { InvalidArgumentError } from '../errors/invalid-argument-error';
import type { ModelBatchLimits } from '../model/model-batches';

/**
 * The Message Batches API's limits of one batch: 100,000 requests or 256 MB.
 * The bytes are read as 256,000,000 (not 256 MiB), the smaller reading, so a
 * batch split here is never too large whichever the API means.
 *
 * @example
 * ```ts
 * defaultBatchLimits.maxRequests; // 100_000
 * ```
 */
export const defaultBatchLimits: ModelBatchLimits = Object.freeze({
  maxRequests: 100_000,
  maxBytes: 256_000_000,
});

/**
 * The limits a batch is split at: the provider's, lowered (never raised) by
 * the caller's. Throws {@link InvalidArgumentError} naming the option when a
 * limit is not a positive whole number.
 *
 * @example
 * ```ts
 * resolveBatchLimits(client.batches.limits, { maxRequests: 1_000 }); // { maxRequests: 1000, maxBytes: … }
 * ```
 */
export function resolveBatchLimits(
  provider: ModelBatchLimits | undefined,
  overrides: Partial<ModelBatchLimits> | undefined,
  argument = 'limits',
): ModelBatchLimits {
  const base = provider ?? defaultBatchLimits;
  const maxRequests = overrides?.maxRequests ?? base.maxRequests;
  const maxBytes = overrides?.maxBytes ?? base.maxBytes;
  const name = (key: string): string => (argument === '' ? key : `${argument}.${key}`);
  assertPositiveInteger(maxRequests, name('maxRequests'));
  assertPositiveInteger(maxBytes, name('maxBytes'));
  return {
    maxRequests: Math.min(maxRequests, base.maxRequests),
    maxBytes: Math.min(maxBytes, base.maxBytes),
  };
}

/** @internal */
export function assertPositiveInteger(value: unknown, argument: string): asserts value is number {
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 1) {
    throw new InvalidArgumentError({
      argument,
      value,
      message: 'expected a positive whole number',
    });
  }
}

/** @internal */
export function assertNonNegativeMilliseconds(
  value: unknown,
  argument: string,
): asserts value is number {
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) {
    throw new InvalidArgumentError({
      argument,
      value,
      message: 'expected a non-negative number of milliseconds',
    });
  }
}
