import { describeError } from './describe-error';
import { isAborted } from '../call/is-aborted';
import { InvalidArgumentError } from '../errors/invalid-argument-error';
import { ProviderApiError } from '../model/provider-api-error';
import type {
  ModelBatch,
  ModelBatchRequestCounts,
  ModelBatches,
  ModelBatchResult,
} from '../model/model-batches';
import type { CallOptions, ModelClient } from '../model/model-client';
import type { ModelRequest } from '../model/model-request';
import type { ModelResponse } from '../model/model-response';
import { realBatchClock, type BatchClock } from './batch-clock';
import type { BatchEventInput, BatchEventListener } from './batch-events';
import { assertNonNegativeMilliseconds, resolveBatchLimits } from './batch-limits';
import { resolvePollOptions, type BatchPollOptions } from './poll-options';
import { sumRequestCounts } from './sum-request-counts';
import { toBatchLaneRequest } from './to-batch-lane-request';
import { waitForBatch } from './wait-for-batch';

/** Options of {@link createBatchLaneClient}. */
export interface BatchLaneClientOptions {
  /**
   * How long the first queued request waits for others before its batch is
   * sent.
   * @default 1_000
   */
  readonly maxWaitMs?: number;
  /** Requests a batch holds before it is sent at once. @default the provider's limit (100,000) */
  readonly maxRequests?: number;
  /** Bytes (the provider's bound) a batch holds before it is sent. @default the provider's limit */
  readonly maxBytes?: number;
  /** @default realBatchClock */
  readonly clock?: BatchClock;
  readonly poll?: BatchPollOptions;
  readonly onEvent?: BatchEventListener;
  /** Names the client in events. @default 'batch-lane' */
  readonly name?: string;
}

/**
 * A `ModelClient` whose calls go through the batch lane: see
 * {@link createBatchLaneClient}.
 */
export interface BatchLaneClient extends ModelClient {
  /** The lane its responses are billed in: reserve their calls with `lane: 'batch'`. */
  readonly lane: 'batch';
  /** Requests queued or in a batch that has not ended. */
  readonly pending: number;
  /** Sends the queued requests now, and resolves when every batch sent so far has ended. */
  flush(): Promise<void>;
}

interface Pending {
  readonly customId: string;
  readonly request: ModelRequest;
  readonly bytes: number;
  readonly resolve: (response: ModelResponse) => void;
  readonly reject: (error: unknown) => void;
  /** Its caller gave up (abort) or it was answered. */
  done: boolean;
  batch: InFlight | undefined;
}

interface InFlight {
  readonly id: string;
  readonly entries: readonly Pending[];
  readonly abandon: AbortController;
}

/**
 * Wraps a client so that each `complete()` joins a queue, the queue goes out
 * as one Message Batch when it is full (`maxRequests`, or `maxBytes` by the
 * provider's byte bound) or `maxWaitMs` after its first request, and each call
 * resolves with its own result once the batch ends. An agent loop or the
 * orchestrator can so move patient work to the batch lane at half price
 * without changing how it calls the model. Cache breakpoints get the 1-hour
 * TTL.
 *
 * What it does not do, on purpose:
 *
 * - It reserves nothing: callers hold each call's worst case as usual, with
 *   `lane: 'batch'` (the price it is billed at).
 * - It never falls back to the interactive lane by itself: that costs twice the
 *   batch price, more than the caller holds. A request the batch lane did not
 *   answer rejects with a `ProviderApiError`: the batch's own error for
 *   `errored`, or `errorType` `batch_expired` / `batch_canceled` (retryable),
 *   and the caller decides (e.g. `runBatch` retries interactively under a new
 *   interactive hold).
 * - An aborted call rejects with `signal.reason` at once. A batch whose callers
 *   all aborted is canceled; a result that arrives for an aborted call is
 *   reported as `batch.result.unclaimed` with its usage, since it was billed.
 *
 * @example
 * ```ts
 * const lane = createBatchLaneClient(client, { maxWaitMs: 2_000, maxRequests: 500 });
 * const reservation = budget.reserve({ model, inputTokensBound: lane.boundInputTokens(request), maxTokens: request.maxTokens, lane: 'batch' });
 * const response = await lane.complete(request); // resolves when its batch ends
 * reservation.settle(response.usage);
 * ```
 */
export function createBatchLaneClient(
  client: ModelClient,
  options: BatchLaneClientOptions = {},
): BatchLaneClient {
  const batches = client.batches;
  if (batches === undefined) {
    throw new InvalidArgumentError({
      argument: 'client',
      value: client.provider,
      message: 'has no batch lane (client.batches)',
    });
  }
  const maxWaitMs = options.maxWaitMs ?? 1_000;
  assertNonNegativeMilliseconds(maxWaitMs, 'maxWaitMs');
  const limits = resolveBatchLimits(
    batches.limits,
    {
      ...(options.maxRequests === undefined ? {} : { maxRequests: options.maxRequests }),
      ...(options.maxBytes === undefined ? {} : { maxBytes: options.maxBytes }),
    },
    '',
  );
  const poll = resolvePollOptions(options.poll);
  const clock = options.clock ?? realBatchClock;
  const name = options.name ?? 'batch-lane';
  const emit = (event: BatchEventInput): void => {
    if (options.onEvent === undefined) return;
    try {
      options.onEvent({
        ...event,
        run: name,
        at: clock.now(),
      });
    } catch (error) {
      console.error('[bursar] batch event listener threw:', error);
    }
  };

  let queue: Pending[] = [];
  let queueBytes = 0;
  let timer: AbortController | undefined;
  let sequence = 0;
  let inFlight = 0;
  const sending = new Set<Promise<void>>();
  const counts = new Map<string, ModelBatchRequestCounts>();

  const send = (): void => {
    timer?.abort();
    timer = undefined;
    const taken = queue.filter((entry) => !entry.done);
    queue = [];
    queueBytes = 0;
    if (taken.length === 0) return;
    inFlight += taken.length;
    const run = sendBatch(taken).finally(() => {
      inFlight -= taken.length;
      sending.delete(run);
    });
    sending.add(run);
  };

  const sendBatch = async (entries: readonly Pending[]): Promise<void> => {
    let created: ModelBatch;
    try {
      created = await batches.create(
        entries.map(({ customId, request }) => ({ customId, request })),
      );
    } catch (error) {
      for (const entry of entries) fail(entry, error);
      return;
    }
    const flight: InFlight = { id: created.id, entries, abandon: new AbortController() };
    for (const entry of entries) entry.batch = flight;
    // Every caller may have aborted while the batch was being created.
    if (entries.every((entry) => entry.done)) flight.abandon.abort();
    counts.set(created.id, created.requestCounts);
    emit({
      type: 'batch.submit',
      batch: created.id,
      requests: entries.length,
      bytes: entries.reduce((sum, entry) => sum + entry.bytes, 0),
      held: 0,
    });
    try {
      await waitForBatch(batches, created.id, {
        clock,
        poll,
        signal: flight.abandon.signal,
        onProgress: (batch) => {
          counts.set(batch.id, batch.requestCounts);
          emit({
            type: 'batch.progress',
            batch: batch.id,
            status: batch.status,
            counts: batch.requestCounts,
            total: sumRequestCounts(counts.values()),
            requests: inFlight,
          });
        },
        onCancel: (reason) => {
          emit({ type: 'batch.cancel', batch: created.id, reason });
        },
        onPollError: (error) => {
          emit({ type: 'batch.poll.error', batch: created.id, error: describeError(error) });
        },
      });
      await deliver(batches, flight);
    } catch (error) {
      for (const entry of entries) fail(entry, error);
    } finally {
      counts.delete(created.id);
    }
  };

  const deliver = async (batches: ModelBatches, flight: InFlight): Promise<void> => {
    const byCustomId = new Map(flight.entries.map((entry) => [entry.customId, entry]));
    const hand = (result: ModelBatchResult): void => {
      const entry = byCustomId.get(result.customId);
      if (entry === undefined) return;
      byCustomId.delete(result.customId);
      if (entry.done) {
        if (result.type === 'succeeded') {
          emit({
            type: 'batch.result.unclaimed',
            batch: flight.id,
            customId: result.customId,
            usage: result.response.usage,
          });
        }
        return;
      }
      entry.done = true;
      if (result.type === 'succeeded') entry.resolve(result.response);
      else if (result.type === 'errored') entry.reject(result.error);
      else entry.reject(unanswered(client.provider, flight.id, result.type));
    };
    for (let errors = 0; ;) {
      try {
        for await (const result of batches.results(flight.id)) hand(result);
        break;
      } catch (error) {
        errors += 1;
        emit({ type: 'batch.poll.error', batch: flight.id, error: describeError(error) });
        const retryable = ProviderApiError.isInstance(error) && error.isRetryable;
        if (!retryable || errors >= poll.maxErrors) throw error;
        await clock.sleep(poll.initialDelayMs);
      }
    }
    for (const entry of byCustomId.values()) {
      fail(
        entry,
        new ProviderApiError({
          message: `Batch ${flight.id} returned no result for ${entry.customId}.`,
          provider: client.provider,
          errorType: 'batch_missing_result',
          isRetryable: true,
        }),
      );
    }
    emit({
      type: 'batch.end',
      batch: flight.id,
      counts: counts.get(flight.id) ?? sumRequestCounts([]),
      cost: undefined,
    });
  };

  const fail = (entry: Pending, error: unknown): void => {
    if (entry.done) return;
    entry.done = true;
    entry.reject(error);
  };

  const complete = (request: ModelRequest, callOptions: CallOptions = {}): Promise<ModelResponse> =>
    new Promise<ModelResponse>((resolve, reject) => {
      const { signal } = callOptions;
      if (isAborted(signal)) {
        reject(signal?.reason as Error);
        return;
      }
      if (request.speed === 'fast') {
        reject(
          new InvalidArgumentError({
            argument: 'request.speed',
            value: request.speed,
            message: 'fast mode is not available in the batch lane',
          }),
        );
        return;
      }
      const laneRequest = toBatchLaneRequest(request);
      sequence += 1;
      const customId = `request-${String(sequence)}`;
      // Throws InvalidArgumentError for what the lane cannot take: this promise rejects with it.
      const bytes = batches.requestBytes({ customId, request: laneRequest });
      if (bytes > limits.maxBytes) {
        reject(
          new InvalidArgumentError({
            argument: 'request',
            value: `${String(bytes)} bytes`,
            message: `is larger than a batch may be (${String(limits.maxBytes)} bytes)`,
          }),
        );
        return;
      }
      if (queue.length > 0 && queueBytes + bytes > limits.maxBytes) send();
      const entry: Pending = {
        customId,
        request: laneRequest,
        bytes,
        resolve,
        reject,
        done: false,
        batch: undefined,
      };
      signal?.addEventListener(
        'abort',
        () => {
          if (entry.done) return;
          entry.done = true;
          reject(signal.reason as Error);
          const flight = entry.batch;
          if (flight !== undefined && flight.entries.every((other) => other.done)) {
            flight.abandon.abort();
          }
        },
        { once: true },
      );
      queue.push(entry);
      queueBytes += bytes;
      if (queue.length >= limits.maxRequests) send();
      else if (queue.length === 1) {
        const wait = new AbortController();
        timer = wait;
        void clock.sleep(maxWaitMs, wait.signal).then(
          () => {
            if (timer === wait) send();
          },
          () => {
            // Aborted: the queue went out early (full, or flush()).
          },
        );
      }
    });

  const countTokens = client.countTokens?.bind(client);
  return {
    specificationVersion: 'v1',
    provider: client.provider,
    lane: 'batch',
    get pending() {
      return queue.filter((entry) => !entry.done).length + inFlight;
    },
    complete,
    boundInputTokens: (request) => client.boundInputTokens(toBatchLaneRequest(request)),
    ...(countTokens === undefined ? {} : { countTokens }),
    async flush() {
      send();
      await Promise.all([...sending]);
    },
  };
}

function unanswered(
  provider: string,
  batchId: string,
  type: 'canceled' | 'expired',
): ProviderApiError {
  return new ProviderApiError({
    message:
      type === 'expired'
        ? `The batch lane did not reach the request before batch ${batchId} expired.`
        : `Batch ${batchId} was canceled before it ran the request.`,
    provider,
    errorType: `batch_${type}`,
    isRetryable: true,
  });
}
