import { isAborted } from './is-aborted';
import type { Budget } from '../budget/budget';
import { InvalidArgumentError } from '../errors/invalid-argument-error';
import type { ModelBatchLimits } from '../model/model-batches';
import type { ModelClient } from '../model/model-client';
import { realBatchClock, type BatchClock } from './batch-clock';
import type { BatchEventInput, BatchEventListener } from './batch-events';
import { batchItemIds, type BatchItem } from './batch-item';
import type { BatchItemResult } from './batch-item-result';
import {
  assertNonNegativeMilliseconds,
  assertPositiveInteger,
  resolveBatchLimits,
} from './batch-limits';
import type { BatchRunContext } from './batch-run-context';
import { runItemInteractively } from './batch-run-context';
import type { BatchRunResult, BatchRunStatus } from './batch-run-result';
import { BatchTally } from './batch-totals';
import { chooseLane, type LanePreference } from './choose-lane';
import { InteractiveLatency } from './interactive-latency';
import { limitConcurrency } from './limit-concurrency';
import { resolvePollOptions, type BatchPollOptions } from './poll-options';
import { runBatchLane } from './run-batch-lane';
import { checkRunBatchOptions } from './run-batch-options-schema';

/** Options of {@link runBatch}. */
export interface RunBatchOptions {
  /** The provider; the batch lane needs `client.batches`. */
  readonly client: ModelClient;
  /**
   * Every request holds its worst case here before it is sent (at the batch
   * price in the batch lane) and settles to what was billed.
   */
  readonly budget: Budget;
  /** When the job must be done: ms on `clock`, or a Date. Undefined: no deadline. */
  readonly deadline?: number | Date;
  /**
   * `auto` uses the batch lane when the deadline leaves room for a batch's
   * expected completion plus one interactive call ({@link chooseLane}).
   * @default 'auto'
   */
  readonly lane?: LanePreference;
  /** Lowers the provider's batch limits (tests, smaller batches). @default the client's */
  readonly limits?: Partial<ModelBatchLimits>;
  readonly poll?: BatchPollOptions;
  /** @default realBatchClock */
  readonly clock?: BatchClock;
  /** How long a batch is expected to take, for `auto`. @default 3_600_000 (1 hour) */
  readonly expectedBatchMs?: number;
  /**
   * How long one interactive call is expected to take, until one has been
   * timed (then the slowest seen): an interactive call starts only if it can
   * end before the deadline, and batches are canceled this long before it.
   * @default 60_000
   */
  readonly interactiveLatencyMs?: number;
  /** Interactive calls at once. @default 8 */
  readonly interactiveConcurrency?: number;
  /**
   * Send what the batch lane did not answer (errored with a retryable error,
   * expired, canceled) to the interactive lane while the deadline allows.
   * @default true
   */
  readonly retryInteractively?: boolean;
  /** Retries of a retryable failure (batch create, interactive call). @default 2 */
  readonly maxRetries?: number;
  /** Aborting cancels the open batches; what they billed is still settled. */
  readonly signal?: AbortSignal;
  readonly onEvent?: BatchEventListener;
  /** Names the run in events and reservation labels. @default 'batch' */
  readonly name?: string;
}

/**
 * Runs a bulk job (classification, enrichment, an eval suite) under a budget,
 * in the batch lane at half price when the deadline allows.
 *
 * - Each request's worst case is held on the budget at the batch price before
 *   it is submitted; one that does not fit is left unsent and reported
 *   (`unsubmitted`, reason `budget`), so spend never passes a hard limit.
 * - Cache breakpoints get the 1-hour TTL; requests are split into batches at
 *   the provider's limits (100,000 requests or 256 MB, measured by the
 *   client's guaranteed byte bound).
 * - Batches are polled with backoff on `clock`; progress events carry the
 *   provider's request counts. Results are matched by custom id and each
 *   settles its own reservation.
 * - Errored (retryably), expired and canceled requests are retried in the
 *   interactive lane while the expected latency fits before the deadline;
 *   batches still running at `deadline - interactiveLatencyMs` are canceled
 *   so what they did not reach can still run interactively.
 * - Aborting cancels the open batches and settles what they processed. The
 *   result lists every item and totals every charge, however the run ended.
 *
 * Throws {@link InvalidArgumentError} for bad options or items, before any
 * spend.
 *
 * @example
 * ```ts
 * const result = await runBatch(
 *   tickets.map((ticket) => ({ id: ticket.id, request: classify(ticket) })),
 *   { client, budget: createBudget({ usd: '25' }), deadline: Date.now() + 6 * 3_600_000 },
 * );
 * result.totals.cost; // nano-dollars
 * result.items.filter((item) => item.status !== 'succeeded');
 * ```
 */
export async function runBatch(
  items: readonly BatchItem[],
  options: RunBatchOptions,
): Promise<BatchRunResult> {
  const ids = batchItemIds(items);
  checkRunBatchOptions(options);
  const settings = resolveOptions(options);
  const { client, clock } = settings;
  const onEvent = options.onEvent;
  const name = options.name ?? 'batch';
  const emit = (event: BatchEventInput): void => {
    if (onEvent === undefined) return;
    try {
      onEvent({ ...event, run: name, at: clock.now() });
    } catch (error) {
      // A listener's failure must not stop a run that holds money.
      console.error('[bursar] batch event listener threw:', error);
    }
  };
  const tally = new BatchTally();
  const results: (BatchItemResult | undefined)[] = Array.from({ length: items.length });
  const context: BatchRunContext = {
    client,
    budget: options.budget,
    clock,
    deadline: settings.deadline,
    latency: new InteractiveLatency(settings.interactiveLatencyMs),
    maxRetries: settings.maxRetries,
    signal: options.signal,
    name,
    tally,
    emit,
    items,
    ids,
    results,
    limits: resolveBatchLimits(client.batches?.limits, options.limits),
    poll: resolvePollOptions(options.poll),
    retryInteractively: options.retryInteractively ?? true,
    expectedBatchMs: settings.expectedBatchMs,
    limit: limitConcurrency(settings.interactiveConcurrency),
  };

  let decision = chooseLane({
    lane: settings.lane,
    now: clock.now(),
    deadline: settings.deadline,
    expectedBatchMs: settings.expectedBatchMs,
    interactiveLatencyMs: settings.interactiveLatencyMs,
  });
  const batches = client.batches;
  if (decision.lane === 'batch' && batches === undefined) {
    if (settings.lane === 'batch') {
      throw new InvalidArgumentError({
        argument: 'client',
        value: client.provider,
        message: "has no batch lane (client.batches); use lane 'interactive' or 'auto'",
      });
    }
    decision = { lane: 'interactive', reason: 'the client has no batch lane' };
  }
  emit({ type: 'batch.lane', lane: decision.lane, reason: decision.reason, items: items.length });

  let batchIds: string[] = [];
  if (decision.lane === 'batch' && batches !== undefined) {
    batchIds = await runBatchLane(context, batches);
  } else {
    await Promise.all(items.map((_item, index) => runItemInteractively(context, index, undefined)));
  }

  const finished = results.map(
    (result, index): BatchItemResult =>
      result ?? {
        id: ids[index] ?? '',
        status: 'unsubmitted',
        reason: 'aborted',
        cost: 0,
      },
  );
  const status = statusOf(finished, options.signal);
  const totals = tally.totals(finished);
  emit({ type: 'batch.finish', status, totals });
  return { status, items: finished, totals, batchIds };
}

function statusOf(
  items: readonly BatchItemResult[],
  signal: AbortSignal | undefined,
): BatchRunStatus {
  if (isAborted(signal)) return 'aborted';
  if (items.some((item) => item.status !== 'succeeded' && item.reason === 'budget'))
    return 'budget_exhausted';
  return items.every((item) => item.status === 'succeeded') ? 'completed' : 'partial';
}

function resolveOptions(options: RunBatchOptions): {
  client: ModelClient;
  clock: BatchClock;
  deadline: number | undefined;
  lane: LanePreference;
  expectedBatchMs: number;
  interactiveLatencyMs: number;
  interactiveConcurrency: number;
  maxRetries: number;
} {
  if (typeof options !== 'object' || (options as unknown) === null) {
    throw new InvalidArgumentError({
      argument: 'options',
      value: options,
      message: 'expected { client, budget, deadline?, ... }',
    });
  }
  const client = options.client as ModelClient | undefined;
  if (typeof client?.complete !== 'function') {
    throw new InvalidArgumentError({
      argument: 'client',
      value: client,
      message: 'expected a ModelClient',
    });
  }
  if (
    typeof (options.budget as unknown as { tryReserve?: unknown } | undefined)?.tryReserve !==
    'function'
  ) {
    throw new InvalidArgumentError({
      argument: 'budget',
      value: options.budget,
      message: 'expected a Budget (createBudget)',
    });
  }
  const rawDeadline: unknown = options.deadline;
  let deadline: number | undefined;
  if (rawDeadline instanceof Date) deadline = rawDeadline.getTime();
  else if (typeof rawDeadline === 'number') deadline = rawDeadline;
  else if (rawDeadline !== undefined) deadline = Number.NaN;
  if (deadline !== undefined && Number.isNaN(deadline)) {
    throw new InvalidArgumentError({
      argument: 'deadline',
      value: rawDeadline,
      message: 'expected a time in ms on the clock, or a Date',
    });
  }
  const lane: unknown = options.lane ?? 'auto';
  if (lane !== 'auto' && lane !== 'batch' && lane !== 'interactive') {
    throw new InvalidArgumentError({
      argument: 'lane',
      value: lane,
      message: "expected 'interactive', 'batch' or 'auto'",
    });
  }
  const expectedBatchMs = options.expectedBatchMs ?? 3_600_000;
  assertNonNegativeMilliseconds(expectedBatchMs, 'expectedBatchMs');
  const interactiveLatencyMs = options.interactiveLatencyMs ?? 60_000;
  assertNonNegativeMilliseconds(interactiveLatencyMs, 'interactiveLatencyMs');
  const interactiveConcurrency = options.interactiveConcurrency ?? 8;
  assertPositiveInteger(interactiveConcurrency, 'interactiveConcurrency');
  const maxRetries = options.maxRetries ?? 2;
  if (!Number.isSafeInteger(maxRetries) || maxRetries < 0) {
    throw new InvalidArgumentError({
      argument: 'maxRetries',
      value: maxRetries,
      message: 'expected a non-negative whole number',
    });
  }
  const clock = options.clock ?? realBatchClock;
  if (typeof clock.now !== 'function' || typeof clock.sleep !== 'function') {
    throw new InvalidArgumentError({
      argument: 'clock',
      value: clock,
      message: 'expected { now(), sleep(ms, signal) }',
    });
  }
  return {
    client,
    clock,
    deadline,
    lane,
    expectedBatchMs,
    interactiveLatencyMs,
    interactiveConcurrency,
    maxRetries,
  };
}
