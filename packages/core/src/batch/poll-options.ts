import { InvalidArgumentError } from '../errors/invalid-argument-error';
import { assertNonNegativeMilliseconds, assertPositiveInteger } from './batch-limits';

/**
 * How a batch is polled: the first look `initialDelayMs` after submission,
 * then each wait `multiplier` times the last, up to `maxDelayMs`.
 *
 * @example
 * ```ts
 * const poll: BatchPollOptions = { initialDelayMs: 5_000, maxDelayMs: 120_000 };
 * ```
 */
export interface BatchPollOptions {
  /** @default 10_000 */
  readonly initialDelayMs?: number;
  /** @default 300_000 (5 minutes) */
  readonly maxDelayMs?: number;
  /** @default 2 */
  readonly multiplier?: number;
  /**
   * Failed looks in a row (network, 5xx) before polling gives up on a batch.
   * A non-retryable failure gives up at once.
   * @default 10
   */
  readonly maxErrors?: number;
}

/** {@link BatchPollOptions} with every default applied. */
export type ResolvedPollOptions = Required<BatchPollOptions>;

/**
 * Applies the defaults and checks each option, throwing
 * {@link InvalidArgumentError} naming it.
 *
 * @example
 * ```ts
 * resolvePollOptions({ initialDelayMs: 1_000 }).maxDelayMs; // 300_000
 * ```
 */
export function resolvePollOptions(
  options: BatchPollOptions = {},
  argument = 'poll',
): ResolvedPollOptions {
  const resolved = {
    initialDelayMs: options.initialDelayMs ?? 10_000,
    maxDelayMs: options.maxDelayMs ?? 300_000,
    multiplier: options.multiplier ?? 2,
    maxErrors: options.maxErrors ?? 10,
  };
  assertNonNegativeMilliseconds(resolved.initialDelayMs, `${argument}.initialDelayMs`);
  assertNonNegativeMilliseconds(resolved.maxDelayMs, `${argument}.maxDelayMs`);
  if (
    typeof resolved.multiplier !== 'number' ||
    !Number.isFinite(resolved.multiplier) ||
    resolved.multiplier < 1
  ) {
    throw new InvalidArgumentError({
      argument: `${argument}.multiplier`,
      value: resolved.multiplier,
      message: 'expected a number of at least 1',
    });
  }
  assertPositiveInteger(resolved.maxErrors, `${argument}.maxErrors`);
  return resolved;
}

/**
 * The wait before look number `attempt` (0 for the first).
 *
 * @example
 * ```ts
 * pollDelay(3, resolvePollOptions()); // 80_000
 * ```
 */
export function pollDelay(attempt: number, options: ResolvedPollOptions): number {
  return Math.min(options.maxDelayMs, options.initialDelayMs * options.multiplier ** attempt);
}
