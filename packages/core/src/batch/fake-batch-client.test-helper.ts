// Fakes for the batch lane's unit tests: a virtual clock, a manual clock, and
// a ModelClient whose `batches` keeps batches in memory on that clock.
import { ProviderApiError } from '../model/provider-api-error';
import type {
  ModelBatch,
  ModelBatchRequest,
  ModelBatchRequestCounts,
  ModelBatchResult,
  ModelBatches,
} from '../model/model-batches';
import type { ModelClient } from '../model/model-client';
import type { ModelRequest } from '../model/model-request';
import type { ModelResponse } from '../model/model-response';
import { scriptedResponse } from '../testing/scripted-model-client';
import type { Usage } from '../usage/usage';
import type { BatchClock } from './batch-clock';

/** A clock whose sleep moves time at once: a day of polling takes no real time. */
export interface VirtualClock extends BatchClock {
  /** Every sleep asked for, in order. */
  readonly sleeps: number[];
  advance(milliseconds: number): void;
}

export function createVirtualClock(start = 0): VirtualClock {
  let time = start;
  const sleeps: number[] = [];
  return {
    sleeps,
    now: () => time,
    advance(milliseconds) {
      time += milliseconds;
    },
    sleep(milliseconds, signal) {
      if (signal?.aborted === true) return Promise.reject(signal.reason as Error);
      sleeps.push(milliseconds);
      time += milliseconds;
      return Promise.resolve();
    },
  };
}

/** A clock whose sleeps end only when the test advances it. */
export interface ManualClock extends BatchClock {
  /** Moves time forward, waking each sleeper whose time has come, in order. */
  advance(milliseconds: number): Promise<void>;
  readonly waiting: number;
}

export function createManualClock(start = 0): ManualClock {
  let time = start;
  const timers: { at: number; resolve: () => void }[] = [];
  const settle = () => new Promise<void>((resolve) => setImmediate(resolve));
  return {
    now: () => time,
    get waiting() {
      return timers.length;
    },
    sleep(milliseconds, signal) {
      return new Promise((resolve, reject) => {
        if (signal?.aborted === true) {
          reject(signal.reason as Error);
          return;
        }
        const timer = { at: time + milliseconds, resolve };
        timers.push(timer);
        signal?.addEventListener(
          'abort',
          () => {
            const index = timers.indexOf(timer);
            if (index === -1) return; // it had already fired
            timers.splice(index, 1);
            reject(signal.reason as Error);
          },
          { once: true },
        );
      });
    },
    async advance(milliseconds) {
      const target = time + milliseconds;
      await settle();
      for (;;) {
        timers.sort((a, b) => a.at - b.at);
        const next = timers[0];
        if (next === undefined || next.at > target) break;
        timers.shift();
        time = Math.max(time, next.at);
        next.resolve();
        await settle();
      }
      time = target;
      await settle();
    },
  };
}

export type FakeOutcome =
  'succeeded' | 'expired' | 'canceled' | { readonly errored: ProviderApiError };

export interface FakeBatchOptions {
  readonly clock: BatchClock;
  /** How long a batch takes to end. @default 60_000 */
  readonly processingMs?: number;
  /** The batch lane's outcome of a request. @default 'succeeded' */
  readonly outcome?: (customId: string, request: ModelRequest) => FakeOutcome;
  /** Usage of an answer, in either lane. */
  readonly usage?: (request: ModelRequest) => Partial<Usage>;
  /** The interactive lane: an error to throw for a call, or undefined to answer. */
  readonly interactiveError?: (request: ModelRequest, call: number) => Error | undefined;
  /** How long an interactive call takes on the clock (a VirtualClock is advanced). */
  readonly interactiveLatencyMs?: number;
  /** Requests a cancel lets finish first (they succeed and are billed). @default 0 */
  readonly processedBeforeCancel?: number;
  /** Errors `retrieve` throws, in order, before it answers. */
  readonly retrieveErrors?: Error[];
  /** Errors `create` throws, in order, before it accepts. */
  readonly createErrors?: Error[];
  readonly limits?: { maxRequests: number; maxBytes: number };
}

interface FakeBatch {
  readonly id: string;
  readonly entries: readonly ModelBatchRequest[];
  readonly createdAt: number;
  readonly endsAt: number;
  canceledAt: number | undefined;
  results: ModelBatchResult[] | undefined;
}

export interface FakeBatchClient extends ModelClient {
  readonly batches: ModelBatches;
  /** Every batch created, with its requests. */
  readonly created: readonly FakeBatch[];
  readonly interactiveCalls: ModelRequest[];
  readonly retrieves: number;
  readonly cancels: string[];
}

export const fakeModel = 'claude-sonnet-4-6';

export function fakeRequest(text: string, overrides: Partial<ModelRequest> = {}): ModelRequest {
  return {
    model: fakeModel,
    tools: [],
    system: ['Classify the ticket.'],
    reference: [],
    messages: [{ role: 'user', content: [{ type: 'text', text }] }],
    maxTokens: 100,
    ...overrides,
  };
}

/** A fixed prompt bound, so tests can work out holds by hand. */
export const fakeInputBound = 1_000;

export function createFakeBatchClient(options: FakeBatchOptions): FakeBatchClient {
  const { clock } = options;
  const processingMs = options.processingMs ?? 60_000;
  const usageOf = (request: ModelRequest) => options.usage?.(request) ?? { input: 400, output: 50 };
  const created: FakeBatch[] = [];
  const interactiveCalls: ModelRequest[] = [];
  const cancels: string[] = [];
  const retrieveErrors = [...(options.retrieveErrors ?? [])];
  const createErrors = [...(options.createErrors ?? [])];
  let retrieves = 0;

  const answer = (
    request: ModelRequest,
    lane: 'batch' | 'interactive',
    id: string,
  ): ModelResponse =>
    scriptedResponse({
      id,
      model: request.model,
      usage: usageOf(request),
      billing: { lane, speed: 'standard', inferenceGeo: 'global' },
    });

  const finish = (batch: FakeBatch): void => {
    if (batch.results !== undefined) return;
    const now = clock.now();
    if (batch.canceledAt === undefined && now < batch.endsAt) return;
    const processed =
      batch.canceledAt === undefined ? Infinity : (options.processedBeforeCancel ?? 0);
    batch.results = batch.entries.map(({ customId, request }, index): ModelBatchResult => {
      if (index >= processed) return { customId, type: 'canceled' };
      const outcome = options.outcome?.(customId, request) ?? 'succeeded';
      if (outcome === 'succeeded')
        return {
          customId,
          type: 'succeeded',
          response: answer(request, 'batch', `msg_${customId}`),
        };
      if (outcome === 'expired' || outcome === 'canceled') return { customId, type: outcome };
      return { customId, type: 'errored', error: outcome.errored };
    });
  };

  const render = (batch: FakeBatch): ModelBatch => {
    finish(batch);
    const counts: Record<keyof ModelBatchRequestCounts, number> = {
      processing: 0,
      succeeded: 0,
      errored: 0,
      canceled: 0,
      expired: 0,
    };
    if (batch.results === undefined) counts.processing = batch.entries.length;
    else for (const result of batch.results) counts[result.type] += 1;
    return {
      id: batch.id,
      status:
        batch.results !== undefined
          ? 'ended'
          : batch.canceledAt === undefined
            ? 'in-progress'
            : 'canceling',
      requestCounts: counts,
      createdAt: batch.createdAt,
      expiresAt: batch.createdAt + 24 * 3_600_000,
      endedAt: batch.results === undefined ? undefined : clock.now(),
    };
  };

  const find = (id: string): FakeBatch => {
    const batch = created.find((candidate) => candidate.id === id);
    if (batch === undefined) throw new Error(`no batch ${id}`);
    return batch;
  };

  const batches: ModelBatches = {
    limits: options.limits ?? { maxRequests: 100_000, maxBytes: 256_000_000 },
    requestBytes: (entry) =>
      JSON.stringify({ custom_id: entry.customId, params: entry.request }).length + 1,
    create(requests) {
      const error = createErrors.shift();
      if (error !== undefined) return Promise.reject(error);
      const batch: FakeBatch = {
        id: `msgbatch_${String(created.length + 1)}`,
        entries: [...requests],
        createdAt: clock.now(),
        endsAt: clock.now() + processingMs,
        canceledAt: undefined,
        results: undefined,
      };
      created.push(batch);
      return Promise.resolve(render(batch));
    },
    retrieve(id) {
      retrieves += 1;
      const error = retrieveErrors.shift();
      if (error !== undefined) return Promise.reject(error);
      return Promise.resolve(render(find(id)));
    },
    async *results(id) {
      const batch = find(id);
      finish(batch);
      if (batch.results === undefined) throw new Error(`batch ${id} has not ended`);
      // Unordered, as the API promises no order; one result a tick, as a stream arrives.
      for (const result of [...batch.results].reverse()) {
        await Promise.resolve();
        yield result;
      }
    },
    cancel(id) {
      cancels.push(id);
      const batch = find(id);
      if (batch.results === undefined) batch.canceledAt ??= clock.now();
      return Promise.resolve(render(batch));
    },
  };

  return {
    specificationVersion: 'v1',
    provider: 'fake',
    batches,
    created,
    interactiveCalls,
    get retrieves() {
      return retrieves;
    },
    cancels,
    boundInputTokens: () => fakeInputBound,
    async complete(request, callOptions) {
      callOptions?.signal?.throwIfAborted();
      interactiveCalls.push(request);
      const error = options.interactiveError?.(request, interactiveCalls.length - 1);
      if (options.interactiveLatencyMs !== undefined) {
        await clock.sleep(options.interactiveLatencyMs);
      }
      if (error !== undefined) throw error;
      return answer(request, 'interactive', `msg_interactive_${String(interactiveCalls.length)}`);
    },
  };
}

export function apiError(type: string, isRetryable: boolean): ProviderApiError {
  return new ProviderApiError({
    message: `fake ${type}`,
    provider: 'fake',
    errorType: type,
    isRetryable,
  });
}

/** The client with no batch lane: what an interactive-only provider looks like. */
export function withoutBatches(client: FakeBatchClient): ModelClient {
  return {
    specificationVersion: 'v1',
    provider: client.provider,
    complete: (request, callOptions) => client.complete(request, callOptions),
    boundInputTokens: (request) => client.boundInputTokens(request),
  };
}
