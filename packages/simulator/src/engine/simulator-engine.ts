import { createHash } from 'node:crypto';
import { defaultPriceTable, type PriceTable } from '@bursar/core/pricing';
import { createSeededRandom } from '../answer/seeded-random';
import { InvoiceLedger } from '../billing/invoice';
import { PromptCache } from '../cache/prompt-cache';
import { createRealClock, createVirtualClock, type SimulatorClock } from '../clock/simulator-clock';
import { FaultInjector, type FaultOptions } from '../faults/fault-injector';
import {
  createLatencyModel,
  type LatencyModel,
  type LatencyOptions,
} from '../latency/latency-model';
import { RateLimiter, type RateLimitOptions } from '../ratelimit/rate-limiter';
import { createTokenCounter, type TokenCounter } from '../tokens/token-counter';
import { DiagnosticsStore } from '../messages/diagnostics-store';
import type { Responder } from '../messages/responder';

/** Options of the simulator's engine (see `createSimulator`). */
export interface EngineOptions {
  /** Seed of answers, ids and faults. @default 'bursar' */
  readonly seed?: string | number;
  /** `virtual` (default) or `real` time, or a clock of your own. */
  readonly clock?: 'virtual' | 'real' | SimulatorClock;
  /** With a virtual clock, move time to each response's end as it completes. @default true */
  readonly autoAdvance?: boolean;
  /**
   * With a self-advancing virtual clock, how long (real ms) a finished response
   * waits before time moves to its end. Requests arriving meanwhile count as
   * concurrent with it (same simulated start), as requests sent together over
   * HTTP arrive a few milliseconds apart. @default 5, or 0 with zero latency
   */
  readonly concurrencyWindowMs?: number;
  readonly latency?: LatencyOptions;
  readonly faults?: FaultOptions;
  readonly rateLimits?: RateLimitOptions;
  /** Prices and model facts. @default defaultPriceTable */
  readonly priceTable?: PriceTable;
  /** How long a batch takes to end, in simulator ms. @default 60_000 */
  readonly batchProcessingMs?: number;
  /** Answers requests; the generic answer when left out (part 2 plugs workloads in here). */
  readonly responder?: Responder;
}

/**
 * All the simulator's state in one place: clock, cache, invoice, faults, rate
 * limits, id generation. The HTTP layer and the batch processor both go
 * through it, so a batch request is cached and billed like any other.
 */
export class SimulatorEngine {
  readonly seed: string | number;
  readonly clock: SimulatorClock;
  readonly autoAdvance: boolean;
  readonly concurrencyWindowMs: number;
  readonly priceTable: PriceTable;
  readonly countTokens: TokenCounter;
  readonly cache = new PromptCache();
  readonly ledger: InvoiceLedger;
  readonly latency: LatencyModel;
  readonly faults: FaultInjector;
  readonly rateLimiter: RateLimiter;
  readonly diagnostics = new DiagnosticsStore();
  readonly batchProcessingMs: number;
  readonly responder: Responder | undefined;
  /** Grades workload answers, when the simulator works workloads. */
  grader: { grade(taskId: string, finalText: string): unknown } | undefined;
  /** Wall-clock time at start, to render simulator times as dates. */
  readonly wallClockStart = Date.UTC(2026, 0, 1);
  private idRandom: ReturnType<typeof createSeededRandom>;

  constructor(options: EngineOptions = {}) {
    this.seed = options.seed ?? 'bursar';
    this.clock =
      options.clock === 'real'
        ? createRealClock()
        : typeof options.clock === 'object'
          ? options.clock
          : createVirtualClock();
    this.autoAdvance = options.autoAdvance ?? true;
    this.concurrencyWindowMs =
      options.concurrencyWindowMs ?? (options.latency?.mode === 'zero' ? 0 : 5);
    if (!Number.isFinite(this.concurrencyWindowMs) || this.concurrencyWindowMs < 0) {
      throw new RangeError(
        `concurrencyWindowMs must be a non-negative number, got ${String(options.concurrencyWindowMs)}`,
      );
    }
    this.priceTable = options.priceTable ?? defaultPriceTable;
    this.countTokens = createTokenCounter();
    this.ledger = new InvoiceLedger(this.priceTable);
    this.latency = createLatencyModel(options.latency);
    this.faults = new FaultInjector(options.faults ?? {}, this.seed);
    this.rateLimiter = new RateLimiter(options.rateLimits);
    this.batchProcessingMs = options.batchProcessingMs ?? 60_000;
    this.responder = options.responder;
    this.idRandom = createSeededRandom(`${String(this.seed)}:ids`);
  }

  /**
   * Called when a response is done: with a self-advancing virtual clock, moves
   * time to its end once the concurrency window has passed.
   */
  async settle(endAt: number): Promise<void> {
    if (this.clock.mode !== 'virtual' || !this.autoAdvance) return;
    if (this.concurrencyWindowMs > 0) {
      await new Promise((resolve) => setTimeout(resolve, this.concurrencyWindowMs));
    }
    this.clock.advanceTo(endAt);
  }

  /** A new id with the API's prefix (`msg_01…`, `req_01…`, `msgbatch_01…`), deterministic for a seed. */
  newId(prefix: string): string {
    return `${prefix}_01${this.idRandom.identifier(22)}`;
  }

  /** The cache and rate-limit namespace of an API key (the key itself is never stored). */
  namespaceOf(apiKey: string): string {
    return createHash('sha256').update(apiKey).digest('base64').slice(0, 16);
  }

  /** Forgets everything: cache, invoice, batches' ids restart from the seed. */
  reset(): void {
    this.cache.clear();
    this.ledger.reset();
    this.rateLimiter.reset();
    this.diagnostics.clear();
    this.idRandom = createSeededRandom(`${String(this.seed)}:ids`);
  }
}
