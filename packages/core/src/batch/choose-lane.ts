import { InvalidArgumentError } from '../errors/invalid-argument-error';
import type { Lane } from '../pricing/price-call';
import { assertNonNegativeMilliseconds } from './batch-limits';

/**
 * Which lane work asks for: always `interactive`, always `batch` (half price,
 * answered within the provider's window), or `auto`: batch when the deadline
 * leaves room for it.
 */
export type LanePreference = Lane | 'auto';

/** Input of {@link chooseLane}. Times in ms on one clock. */
export interface ChooseLaneInput {
  readonly lane: LanePreference;
  /** Now. */
  readonly now: number;
  /** When the work must be done; undefined for no deadline. */
  readonly deadline: number | undefined;
  /** How long a batch is expected to take from submission to results. */
  readonly expectedBatchMs: number;
  /** How long one interactive call is expected to take. */
  readonly interactiveLatencyMs: number;
}

/** What {@link chooseLane} decided, and why (for events and reports). */
export interface LaneDecision {
  readonly lane: Lane;
  readonly reason: string;
}

/**
 * Decides the lane of patient work (a pure function). `interactive` and
 * `batch` are taken as asked. `auto` chooses the batch lane when the time left
 * holds the batch's expected completion plus one interactive call (room to
 * retry what the batch does not answer), and the interactive lane otherwise;
 * with no deadline it chooses the batch lane.
 *
 * @example
 * ```ts
 * chooseLane({ lane: 'auto', now: 0, deadline: 2 * 3_600_000, expectedBatchMs: 3_600_000, interactiveLatencyMs: 60_000 });
 * // { lane: 'batch', reason: '…' }
 * chooseLane({ lane: 'auto', now: 0, deadline: 600_000, expectedBatchMs: 3_600_000, interactiveLatencyMs: 60_000 });
 * // { lane: 'interactive', reason: '…' }
 * ```
 */
export function chooseLane(input: ChooseLaneInput): LaneDecision {
  const { lane, now, deadline, expectedBatchMs, interactiveLatencyMs } = input;
  assertNonNegativeMilliseconds(expectedBatchMs, 'expectedBatchMs');
  assertNonNegativeMilliseconds(interactiveLatencyMs, 'interactiveLatencyMs');
  if (typeof now !== 'number' || !Number.isFinite(now)) {
    throw new InvalidArgumentError({
      argument: 'now',
      value: now,
      message: 'expected a time in ms',
    });
  }
  if (deadline !== undefined && (typeof deadline !== 'number' || Number.isNaN(deadline))) {
    throw new InvalidArgumentError({
      argument: 'deadline',
      value: deadline,
      message: 'expected a time in ms',
    });
  }
  switch (lane) {
    case 'interactive':
      return { lane, reason: 'the interactive lane was asked for' };
    case 'batch':
      return { lane, reason: 'the batch lane was asked for' };
    case 'auto': {
      if (deadline === undefined) return { lane: 'batch', reason: 'no deadline' };
      const left = deadline - now;
      const needed = expectedBatchMs + interactiveLatencyMs;
      return left >= needed
        ? {
            lane: 'batch',
            reason: `${String(left)} ms left holds the batch's expected ${String(expectedBatchMs)} ms plus one interactive call (${String(interactiveLatencyMs)} ms)`,
          }
        : {
            lane: 'interactive',
            reason: `${String(left)} ms left is less than the batch's expected ${String(expectedBatchMs)} ms plus one interactive call (${String(interactiveLatencyMs)} ms)`,
          };
    }
    default:
      throw new InvalidArgumentError({
        argument: 'lane',
        value: lane,
        message: "expected 'interactive', 'batch' or 'auto'",
      });
  }
}
