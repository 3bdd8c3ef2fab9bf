import { SimulatorApiError } from '../api/api-error';
import { paginate } from '../api/paginate';
import { createSeededRandom } from '../answer/seeded-random';
import type { SimulatorEngine } from '../engine/simulator-engine';
import { prepareMessage, type WireMessage } from '../messages/prepare-message';

/** A batch lives this long before unprocessed requests expire. */
export const batchLifetimeMs = 24 * 60 * 60_000;
/** The API's limits per batch. */
export const batchLimits = { requests: 100_000, bytes: 256 * 1024 * 1024 } as const;

/** Per-request faults of the batch lane: shares of requests that error or expire. */
export interface BatchFaultOptions {
  /** @default 0 */
  readonly erroredRate?: number;
  /** @default 0 */
  readonly expiredRate?: number;
}

type BatchResult =
  | { type: 'succeeded'; message: WireMessage }
  | {
      type: 'errored';
      error: { type: 'error'; error: { type: string; message: string }; request_id: string | null };
    }
  | { type: 'canceled' }
  | { type: 'expired' };

interface BatchRecord {
  readonly id: string;
  readonly namespace: string;
  readonly apiKey: string;
  readonly createdAt: number;
  readonly endsAt: number;
  readonly expiresAt: number;
  readonly requests: readonly { custom_id: string; params: unknown }[];
  status: 'in_progress' | 'canceling' | 'ended';
  cancelInitiatedAt: number | undefined;
  endedAt: number | undefined;
  results: { custom_id: string; result: BatchResult }[] | undefined;
}

const customIdPattern = /^[a-zA-Z0-9_-]{1,64}$/;

/**
 * The Message Batches API: batches end `batchProcessingMs` after creation
 * (simulator time), each request then runs through the same path as an
 * interactive one (cache included) in the batch lane, billed at the batch
 * discount. Unprocessed requests of a canceled batch are `canceled`; a batch
 * that cannot end within 24 hours has its requests `expired` (not billed).
 *
 * @example
 * ```ts
 * const batches = new BatchStore(engine);
 * const batch = batches.create(apiKey, body, origin);
 * ```
 */
export class BatchStore {
  private readonly batches = new Map<string, BatchRecord>();
  private readonly engine: SimulatorEngine;
  private faults: Required<BatchFaultOptions>;
  private random: ReturnType<typeof createSeededRandom>;

  constructor(engine: SimulatorEngine, faults: BatchFaultOptions = {}) {
    this.engine = engine;
    this.faults = { erroredRate: faults.erroredRate ?? 0, expiredRate: faults.expiredRate ?? 0 };
    this.random = createSeededRandom(`${String(engine.seed)}:batches`);
  }

  configureFaults(faults: BatchFaultOptions): void {
    this.faults = { ...this.faults, ...faults };
  }

  create(apiKey: string, body: unknown, origin: string): Record<string, unknown> {
    const requests = (body as { requests?: unknown } | null)?.requests;
    if (!Array.isArray(requests))
      throw new SimulatorApiError('invalid_request_error', 'requests: Field required');
    if (requests.length === 0)
      throw new SimulatorApiError(
        'invalid_request_error',
        'requests: at least one request is required',
      );
    if (requests.length > batchLimits.requests) {
      throw new SimulatorApiError(
        'invalid_request_error',
        `requests: at most ${batchLimits.requests} requests a batch, got ${requests.length}`,
      );
    }
    const seen = new Set<string>();
    const checked = requests.map((item: unknown, index) => {
      const { custom_id: customId, params } = (item ?? {}) as {
        custom_id?: unknown;
        params?: unknown;
      };
      if (typeof customId !== 'string' || !customIdPattern.test(customId)) {
        throw new SimulatorApiError(
          'invalid_request_error',
          `requests.${index}.custom_id: must be 1-64 letters, digits, _ or -`,
        );
      }
      if (seen.has(customId))
        throw new SimulatorApiError(
          'invalid_request_error',
          `requests.${index}.custom_id: duplicate custom_id ${JSON.stringify(customId)}`,
        );
      seen.add(customId);
      if (typeof params !== 'object' || params === null) {
        throw new SimulatorApiError(
          'invalid_request_error',
          `requests.${index}.params: Field required`,
        );
      }
      if ((params as { stream?: unknown }).stream === true) {
        throw new SimulatorApiError(
          'invalid_request_error',
          `requests.${index}.params.stream: streaming is not supported in a batch`,
        );
      }
      return { custom_id: customId, params };
    });
    const now = this.engine.clock.now();
    const record: BatchRecord = {
      id: this.engine.newId('msgbatch'),
      namespace: this.engine.namespaceOf(apiKey),
      apiKey,
      createdAt: now,
      endsAt: now + this.engine.batchProcessingMs,
      expiresAt: now + batchLifetimeMs,
      requests: checked,
      status: 'in_progress',
      cancelInitiatedAt: undefined,
      endedAt: undefined,
      results: undefined,
    };
    this.batches.set(record.id, record);
    return this.render(record, origin);
  }

  retrieve(apiKey: string, id: string, origin: string): Record<string, unknown> {
    const record = this.find(apiKey, id);
    this.waitForClient(record);
    return this.render(record, origin);
  }

  list(apiKey: string, query: URLSearchParams, origin: string): Record<string, unknown> {
    this.advance();
    const namespace = this.engine.namespaceOf(apiKey);
    const records = [...this.batches.values()]
      .filter((record) => record.namespace === namespace)
      .reverse();
    return paginate(records, query, (record) => this.render(record, origin));
  }

  cancel(apiKey: string, id: string, origin: string): Record<string, unknown> {
    const record = this.find(apiKey, id);
    if (record.status === 'in_progress') {
      record.status = 'canceling';
      record.cancelInitiatedAt = this.engine.clock.now();
    }
    this.advance();
    return this.render(record, origin);
  }

  remove(apiKey: string, id: string): Record<string, unknown> {
    const record = this.find(apiKey, id);
    if (record.status !== 'ended') {
      throw new SimulatorApiError(
        'invalid_request_error',
        `Batch ${id} cannot be deleted while it is processing; cancel it first.`,
      );
    }
    this.batches.delete(id);
    return { id, type: 'message_batch_deleted' };
  }

  /** The results as JSONL, in no particular order (as the API promises none). */
  results(apiKey: string, id: string): string {
    const record = this.find(apiKey, id);
    this.waitForClient(record);
    if (record.status !== 'ended' || record.results === undefined) {
      throw new SimulatorApiError(
        'invalid_request_error',
        `Batch ${id} has not ended; results are available once processing_status is "ended".`,
      );
    }
    const order = [...record.results];
    const random = createSeededRandom(`${record.id}:order`);
    for (let index = order.length - 1; index > 0; index -= 1) {
      const other = random.integer(0, index);
      [order[index], order[other]] = [
        order[other] as (typeof order)[number],
        order[index] as (typeof order)[number],
      ];
    }
    return order.map((line) => JSON.stringify(line)).join('\n') + '\n';
  }

  /** Ends every batch whose time has come. Called on each request. */
  advance(): void {
    const now = this.engine.clock.now();
    for (const record of this.batches.values()) {
      const due = Math.min(record.endsAt, record.expiresAt);
      if (record.status === 'canceling')
        this.finish(record, record.cancelInitiatedAt ?? now, 'canceled');
      else if (record.status === 'in_progress' && due <= now) this.finish(record, due, 'processed');
    }
  }

  clear(): void {
    this.batches.clear();
  }

  // With a self-advancing virtual clock, a client that looks at a batch has
  // waited for it: time moves to the batch's end rather than never arriving.
  private waitForClient(record: BatchRecord): void {
    if (
      record.status === 'in_progress' &&
      this.engine.clock.mode === 'virtual' &&
      this.engine.autoAdvance
    ) {
      this.engine.clock.advanceTo(Math.min(record.endsAt, record.expiresAt));
    }
    this.advance();
  }

  private finish(record: BatchRecord, endedAt: number, how: 'processed' | 'canceled'): void {
    record.results = record.requests.map(({ custom_id: customId, params }) => ({
      custom_id: customId,
      result: how === 'canceled' ? { type: 'canceled' } : this.process(record, params),
    }));
    record.status = 'ended';
    record.endedAt = Math.min(endedAt, record.expiresAt);
  }

  private process(record: BatchRecord, params: unknown): BatchResult {
    if (record.endsAt > record.expiresAt) return { type: 'expired' };
    const draw = this.random.next();
    if (draw < this.faults.expiredRate) return { type: 'expired' };
    if (draw < this.faults.expiredRate + this.faults.erroredRate) {
      return {
        type: 'errored',
        error: {
          type: 'error',
          error: { type: 'api_error', message: 'Internal server error' },
          request_id: null,
        },
      };
    }
    const requestId = this.engine.newId('req');
    try {
      const prepared = prepareMessage(this.engine, params, {
        apiKey: record.apiKey,
        requestId,
        lane: 'batch',
        arrival: { time: record.endsAt, sequence: this.engine.cache.stampArrival() },
      });
      prepared.bill({ note: `batch ${record.id}` });
      return { type: 'succeeded', message: prepared.message };
    } catch (error) {
      if (error instanceof SimulatorApiError) {
        return {
          type: 'errored',
          error: {
            type: 'error',
            error: { type: error.type, message: error.message },
            request_id: requestId,
          },
        };
      }
      throw error;
    }
  }

  private find(apiKey: string, id: string): BatchRecord {
    const record = this.batches.get(id);
    if (record === undefined || record.namespace !== this.engine.namespaceOf(apiKey)) {
      throw new SimulatorApiError('not_found_error', `message_batch ${id} not found`);
    }
    return record;
  }

  private render(record: BatchRecord, origin: string): Record<string, unknown> {
    const counts = { processing: 0, succeeded: 0, errored: 0, canceled: 0, expired: 0 };
    if (record.results === undefined) counts.processing = record.requests.length;
    else for (const { result } of record.results) counts[result.type] += 1;
    const date = (time: number | undefined): string | null =>
      time === undefined ? null : new Date(this.engine.wallClockStart + time).toISOString();
    return {
      id: record.id,
      type: 'message_batch',
      processing_status: record.status,
      request_counts: counts,
      created_at: date(record.createdAt),
      expires_at: date(record.expiresAt),
      ended_at: date(record.endedAt),
      cancel_initiated_at: date(record.cancelInitiatedAt),
      archived_at: null,
      results_url:
        record.status === 'ended' ? `${origin}/v1/messages/batches/${record.id}/results` : null,
    };
  }
}
