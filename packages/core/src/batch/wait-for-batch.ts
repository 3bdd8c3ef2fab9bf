import { isAborted } from '../call/is-aborted';
import { BursarError } from '../errors/bursar-error';
import { ProviderApiError } from '../model/provider-api-error';
import type { ModelBatch, ModelBatches } from '../model/model-batches';
import type { BatchClock } from './batch-clock';
import { pollDelay, type ResolvedPollOptions } from './poll-options';

const stuckAfterExpiryMs = 3_600_000;

/** Why a batch was canceled. */
export type BatchCancelReason = 'deadline' | 'abort';

/** Options of {@link waitForBatch}. */
export interface WaitForBatchOptions {
  readonly clock: BatchClock;
  readonly poll: ResolvedPollOptions;
  /**
   * Aborting cancels the batch, then keeps polling (without the signal) until
   * it has ended, so what it processed before the cancel can be settled.
   */
  readonly signal?: AbortSignal | undefined;
  /** Cancel the batch once the clock reaches this time (ms). */
  readonly cancelAt?: number | undefined;
  readonly onProgress?: (batch: ModelBatch) => void;
  readonly onCancel?: (reason: BatchCancelReason) => void;
  readonly onPollError?: (error: unknown) => void;
}

/** What {@link waitForBatch} returns: the ended batch and whether it was canceled. */
export interface WaitedBatch {
  readonly batch: ModelBatch;
  readonly canceled: BatchCancelReason | undefined;
}

/**
 * Polls a batch with backoff until it has ended. It cancels the batch at
 * `cancelAt` or on abort, and then waits for the cancel to take effect: only
 * an ended batch says which requests ran (and were billed). A failed look is
 * retried up to `poll.maxErrors` times in a row when it is retryable; then the
 * last error is thrown. A batch still not ended an hour past its `expiresAt`
 * (which the provider never allows) throws rather than being polled forever.
 *
 * @example
 * ```ts
 * const { batch } = await waitForBatch(client.batches, created.id, { clock: realBatchClock, poll: resolvePollOptions() });
 * ```
 */
export async function waitForBatch(
  batches: ModelBatches,
  batchId: string,
  options: WaitForBatchOptions,
): Promise<WaitedBatch> {
  const { clock, poll, cancelAt } = options;
  let signal = options.signal;
  let canceled: BatchCancelReason | undefined;
  let attempt = 0;
  let errors = 0;

  const cancel = async (reason: BatchCancelReason): Promise<ModelBatch | undefined> => {
    canceled = reason;
    attempt = 0;
    options.onCancel?.(reason);
    try {
      return await batches.cancel(batchId);
    } catch (error) {
      // The batch may have ended meanwhile; the next look says how it stands.
      options.onPollError?.(error);
      return undefined;
    }
  };

  for (;;) {
    let delay = pollDelay(attempt, poll);
    if (cancelAt !== undefined && canceled === undefined) {
      delay = Math.min(delay, Math.max(0, cancelAt - clock.now()));
    }
    try {
      await clock.sleep(delay, signal);
    } catch (error) {
      if (!isAborted(signal)) throw error;
    }
    let batch: ModelBatch | undefined;
    if (isAborted(signal)) {
      signal = undefined;
      if (canceled === undefined) batch = await cancel('abort');
    } else if (canceled === undefined && cancelAt !== undefined && clock.now() >= cancelAt) {
      batch = await cancel('deadline');
    }
    if (batch?.status !== 'ended') {
      try {
        batch = await batches.retrieve(batchId, signal === undefined ? {} : { signal });
        errors = 0;
      } catch (error) {
        if (isAborted(signal)) continue;
        options.onPollError?.(error);
        errors += 1;
        const retryable = ProviderApiError.isInstance(error) && error.isRetryable;
        if (!retryable || errors >= poll.maxErrors) throw error;
        continue;
      }
    }
    attempt += 1;
    options.onProgress?.(batch);
    if (batch.status === 'ended') return { batch, canceled };
    // The provider ends every batch by its expiry; one that runs on is stuck.
    if (batch.expiresAt !== undefined && clock.now() > batch.expiresAt + stuckAfterExpiryMs) {
      throw new BursarError(
        `Batch ${batchId} has not ended ${String(stuckAfterExpiryMs)} ms after it expired.`,
      );
    }
  }
}
