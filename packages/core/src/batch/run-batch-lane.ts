import { describeError } from './describe-error';
import { isAborted } from '../call/is-aborted';
import type { Reservation } from '../budget/reservation';
import { InvalidArgumentError } from '../errors/invalid-argument-error';
import { ProviderApiError } from '../model/provider-api-error';
import type {
  ModelBatch,
  ModelBatchRequestCounts,
  ModelBatches,
  ModelBatchResult,
} from '../model/model-batches';
import type { ModelRequest } from '../model/model-request';
import type { BatchOutcome } from './batch-item-result';
import { runItemInteractively, type BatchRunContext } from './batch-run-context';
import { chooseLane } from './choose-lane';
import { reserveLaneCall } from './reserve-lane-call';
import { splitIntoBatches } from './split-into-batches';
import { sumRequestCounts } from './sum-request-counts';
import { toBatchLaneRequest } from './to-batch-lane-request';
import { waitForBatch } from './wait-for-batch';

interface Entry {
  readonly index: number;
  readonly customId: string;
  readonly request: ModelRequest;
  readonly bytes: number;
  reservation: Reservation | undefined;
}

interface Unanswered {
  readonly index: number;
  readonly outcome: Exclude<BatchOutcome, 'succeeded'>;
  readonly error: unknown;
  /** The batch was refused as a whole: its error says nothing about the request. */
  readonly refusedBatch?: boolean;
}

/**
 * The batch lane of `runBatch`: prepare every request (1-hour cache TTLs, size
 * bound), hold each worst case at the batch price, split at the limits, submit
 * batch by batch, then for each batch poll, settle each result by custom id and
 * send what it did not answer to the interactive lane. What the budget could
 * not hold goes in a later round, once settled batches have freed their holds,
 * while the deadline leaves room for one. @internal
 */
export async function runBatchLane(
  context: BatchRunContext,
  batches: ModelBatches,
): Promise<string[]> {
  const { ids, items, signal } = context;
  // Every request is checked before anything is held or sent: bad input throws
  // with nothing spent.
  const entries: Entry[] = items.map((item, index) => {
    const request = toBatchLaneRequest(item.request);
    if (request.speed === 'fast') {
      throw new InvalidArgumentError({
        argument: `items[${String(index)}].request.speed`,
        value: request.speed,
        message: 'fast mode is not available in the batch lane',
      });
    }
    const customId = ids[index] ?? '';
    return {
      index,
      customId,
      request,
      bytes: batches.requestBytes({ customId, request }),
      reservation: undefined,
    };
  });

  let waiting: Entry[] = [];
  for (const entry of entries) {
    if (entry.bytes > context.limits.maxBytes) unsubmitted(context, entry, 'too-large');
    else waiting.push(entry);
  }
  const batchIds: string[] = [];
  const counts = new Map<string, ModelBatchRequestCounts>();
  const progress = { submitted: 0 };
  // Rounds: what the budget cannot hold now may fit once earlier batches have
  // settled (their holds fall to what was billed), while the deadline leaves
  // room for another batch.
  for (let round = 0; waiting.length > 0 && !isAborted(signal); round += 1) {
    if (round > 0 && !roomForAnotherRound(context)) break;
    const held: Entry[] = [];
    const refused: Entry[] = [];
    const counting = { allowed: true };
    for (const entry of waiting) {
      if (isAborted(signal)) {
        refused.push(entry);
        continue;
      }
      entry.reservation = await reserveLaneCall(
        context.budget,
        context.client,
        entry.request,
        'batch',
        `${context.name} ${entry.customId}`,
        { maxRetries: context.maxRetries, sleep: (ms, abort) => context.clock.sleep(ms, abort) },
        signal,
        counting,
      );
      if (entry.reservation === undefined) refused.push(entry);
      else held.push(entry);
    }
    waiting = refused;
    if (held.length === 0) break;
    await submitRound(context, batches, held, { batchIds, counts, progress });
  }
  for (const entry of waiting)
    unsubmitted(context, entry, isAborted(signal) ? 'aborted' : 'budget');
  return batchIds;
}

/** Whether the deadline leaves room for one more batch (the `auto` rule). */
function roomForAnotherRound(context: BatchRunContext): boolean {
  return (
    chooseLane({
      lane: 'auto',
      now: context.clock.now(),
      deadline: context.deadline,
      expectedBatchMs: context.expectedBatchMs,
      interactiveLatencyMs: context.latency.estimate(),
    }).lane === 'batch'
  );
}

/** Splits what is held into batches, submits them, and settles each to its end. */
async function submitRound(
  context: BatchRunContext,
  batches: ModelBatches,
  held: readonly Entry[],
  run: {
    readonly batchIds: string[];
    readonly counts: Map<string, ModelBatchRequestCounts>;
    readonly progress: { submitted: number };
  },
): Promise<void> {
  const { signal } = context;
  const { batchIds, counts, progress } = run;
  const { batches: chunks } = splitIntoBatches(held, (entry) => entry.bytes, context.limits);
  const running: Promise<void>[] = [];
  for (const chunk of chunks) {
    if (isAborted(signal)) {
      for (const entry of chunk) {
        entry.reservation?.release();
        unsubmitted(context, entry, 'aborted');
      }
      continue;
    }
    let created: ModelBatch;
    try {
      created = await submit(context, batches, chunk);
    } catch (error) {
      if (!wasRefused(error)) {
        // No answer (a dropped connection, a timeout): the batch may exist and bill.
        unknownOutcome(context, undefined, chunk, error);
        continue;
      }
      // Refused, so nothing was created or billed: the interactive lane may still answer.
      for (const entry of chunk) entry.reservation?.release();
      if (isAborted(signal)) {
        for (const entry of chunk) unsubmitted(context, entry, 'aborted');
        continue;
      }
      running.push(
        retryUnanswered(
          context,
          undefined,
          chunk.map((entry) => ({
            index: entry.index,
            outcome: 'errored' as const,
            error,
            refusedBatch: true,
          })),
        ),
      );
      continue;
    }
    batchIds.push(created.id);
    context.tally.batches += 1;
    progress.submitted += chunk.length;
    counts.set(created.id, created.requestCounts);
    context.emit({
      type: 'batch.submit',
      batch: created.id,
      requests: chunk.length,
      bytes: chunk.reduce((sum, entry) => sum + entry.bytes, 0),
      held: chunk.reduce((sum, entry) => sum + (entry.reservation?.bound.usd ?? 0), 0),
    });
    running.push(
      settleBatch(context, batches, created.id, chunk, (batch) => {
        counts.set(batch.id, batch.requestCounts);
        context.emit({
          type: 'batch.progress',
          batch: batch.id,
          status: batch.status,
          counts: batch.requestCounts,
          total: sumRequestCounts(counts.values()),
          requests: progress.submitted,
        });
      }),
    );
  }
  await Promise.all(running);
}

async function submit(
  context: BatchRunContext,
  batches: ModelBatches,
  chunk: readonly Entry[],
): Promise<ModelBatch> {
  const { signal } = context;
  const requests = chunk.map(({ customId, request }) => ({ customId, request }));
  for (let attempt = 0; ; attempt += 1) {
    try {
      return await batches.create(requests, signal === undefined ? {} : { signal });
    } catch (error) {
      // Only a refusal is safe to retry: a create that got no answer may have
      // made a batch, and a second one would run (and bill) every request twice.
      const retryable = wasRefused(error) && (error as ProviderApiError).isRetryable;
      if (!retryable || attempt >= context.maxRetries || isAborted(signal)) throw error;
      await context.clock.sleep(
        (ProviderApiError.isInstance(error) ? error.retryAfterMs : undefined) ?? 500 * 2 ** attempt,
        signal,
      );
    }
  }
}

async function settleBatch(
  context: BatchRunContext,
  batches: ModelBatches,
  batchId: string,
  chunk: readonly Entry[],
  onProgress: (batch: ModelBatch) => void,
): Promise<void> {
  const { clock, deadline } = context;
  const margin = context.retryInteractively ? context.latency.estimate() : 0;
  let ended: ModelBatch;
  try {
    ({ batch: ended } = await waitForBatch(batches, batchId, {
      clock,
      poll: context.poll,
      signal: context.signal,
      cancelAt: deadline === undefined ? undefined : deadline - margin,
      onProgress,
      onCancel: (reason) => {
        context.emit({ type: 'batch.cancel', batch: batchId, reason });
      },
      onPollError: (error) => {
        context.emit({ type: 'batch.poll.error', batch: batchId, error: describeError(error) });
      },
    }));
  } catch (error) {
    unknownOutcome(context, batchId, chunk, error);
    return;
  }

  const byCustomId = new Map(chunk.map((entry) => [entry.customId, entry]));
  const unanswered: Unanswered[] = [];
  let cost = 0;
  const settle = (result: ModelBatchResult): void => {
    const entry = byCustomId.get(result.customId);
    if (entry === undefined) return;
    byCustomId.delete(result.customId);
    const reservation = entry.reservation;
    if (reservation === undefined) return;
    if (result.type === 'succeeded') {
      const charged = reservation.charge(result.response.usage).usd;
      reservation.release();
      cost += charged;
      context.tally.add('batch', result.response.usage, charged);
      context.results[entry.index] = {
        id: entry.customId,
        status: 'succeeded',
        lane: 'batch',
        response: result.response,
        cost: charged,
        batchOutcome: 'succeeded',
        batchId,
      };
      return;
    }
    // Errored, canceled and expired requests are not billed.
    reservation.release();
    unanswered.push({
      index: entry.index,
      outcome: result.type,
      error: result.type === 'errored' ? result.error : undefined,
    });
  };

  let readErrors = 0;
  for (;;) {
    try {
      for await (const result of batches.results(batchId)) settle(result);
      break;
    } catch (error) {
      readErrors += 1;
      context.emit({ type: 'batch.poll.error', batch: batchId, error: describeError(error) });
      const retryable = ProviderApiError.isInstance(error) && error.isRetryable;
      if (!retryable || readErrors >= context.poll.maxErrors) {
        unknownOutcome(context, batchId, [...byCustomId.values()], error);
        byCustomId.clear();
        break;
      }
      await clock.sleep(context.poll.initialDelayMs);
    }
  }
  // A request the results left out: it was not billed as far as anyone can tell.
  for (const entry of byCustomId.values()) {
    entry.reservation?.release();
    unanswered.push({
      index: entry.index,
      outcome: 'errored',
      error: new Error(`batch ${batchId} returned no result for ${entry.customId}`),
    });
  }
  context.emit({ type: 'batch.end', batch: batchId, counts: ended.requestCounts, cost });
  // In the items' order, whatever order the results came in.
  unanswered.sort((a, b) => a.index - b.index);
  await retryUnanswered(context, batchId, unanswered);
}

async function retryUnanswered(
  context: BatchRunContext,
  batchId: string | undefined,
  unanswered: readonly Unanswered[],
): Promise<void> {
  await Promise.all(
    unanswered.map(async ({ index, outcome, error, refusedBatch }) => {
      const id = context.ids[index] ?? '';
      // The request's own error that sending it again cannot help (an invalid request).
      const hopeless =
        outcome === 'errored' &&
        refusedBatch !== true &&
        ProviderApiError.isInstance(error) &&
        !error.isRetryable;
      const reason = isAborted(context.signal)
        ? 'aborted'
        : !context.retryInteractively || hopeless
          ? outcome
          : undefined;
      if (reason === undefined) {
        await runItemInteractively(context, index, { outcome, id: batchId });
        return;
      }
      context.emit({
        type: 'batch.item.fail',
        item: id,
        reason,
        error: error === undefined ? outcome : describeError(error),
      });
      context.results[index] = {
        id,
        status: 'failed',
        reason,
        error,
        cost: 0,
        batchOutcome: outcome,
        batchId,
      };
    }),
  );
}

/** The provider answered with an error status: it created nothing. */
function wasRefused(error: unknown): boolean {
  return ProviderApiError.isInstance(error) && error.statusCode !== undefined;
}

function unsubmitted(
  context: BatchRunContext,
  entry: Entry,
  reason: 'budget' | 'too-large' | 'aborted',
): void {
  context.emit({ type: 'batch.item.unsubmitted', item: entry.customId, reason });
  context.results[entry.index] = { id: entry.customId, status: 'unsubmitted', reason, cost: 0 };
}

// The provider may still bill these: their worst case stays held, so the
// budget never counts on money that may already be spent.
function unknownOutcome(
  context: BatchRunContext,
  batchId: string | undefined,
  entries: readonly Entry[],
  error: unknown,
): void {
  for (const entry of entries) {
    context.emit({
      type: 'batch.item.fail',
      item: entry.customId,
      reason: 'unknown-outcome',
      error: describeError(error),
    });
    context.results[entry.index] = {
      id: entry.customId,
      status: 'failed',
      reason: 'unknown-outcome',
      error,
      cost: 0,
      batchOutcome: undefined,
      batchId,
    };
  }
}
