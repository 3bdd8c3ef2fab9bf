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
import type { RequestAgent } from '../http/request-agent';

/** Options of the simulator's engine (see `createSimulator`). */
export interface EngineOptions {
  /** Seed of answers, ids and faults. @default 'bursar' */
  readonly seed?: string | number;
  /** `virtual` (default) or `real` time, or a clock of your own. */
  readonly clock?: 'virtual' | 'real' | SimulatorClock;
  /**
   * With a virtual clock, move time to each response's end as it completes.
   * Concurrency is decided on the simulated clock alone: see
   * docs/simulator.md, "Time and concurrency". @default true
   */
  readonly autoAdvance?: boolean;
  /**
   * Ignored: the simulator no longer waits any real time before moving its
   * clock. Requests are concurrent when their simulated starts say so (the
   * `x-bursar-sim-time` header, or the clock's `now()` as they arrive).
   * @deprecated Send `x-bursar-sim-time` with requests that must start together.
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
  private currentAgent: RequestAgent | undefined;

  constructor(options: EngineOptions = {}) {
    this.seed = options.seed ?? 'bursar';
    this.clock =
      options.clock === 'real'
        ? createRealClock()
        : typeof options.clock === 'object'
          ? options.clock
          : createVirtualClock();
    this.autoAdvance = options.autoAdvance ?? true;
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
   * time to its end at once (never backward). No real time is waited, so what
   * counts as concurrent depends only on simulated starts.
   */
  finish(endAt: number): void {
    if (this.clock.mode !== 'virtual' || !this.autoAdvance) return;
    this.clock.advanceTo(endAt);
  }

  /**
   * The agent whose request is being answered (from its `x-bursar-agent-*`
   * headers), while {@link withAgent} runs.
   * @internal
   */
  get agent(): RequestAgent | undefined {
    return this.currentAgent;
  }

  /**
   * Runs `prepare` (synchronous: it must not await) with `agent` as the
   * request's caller, so the responder can read it.
   * @internal
   */
  withAgent<T>(agent: RequestAgent | undefined, prepare: () => T): T {
    const previous = this.currentAgent;
    this.currentAgent = agent;
    try {
      return prepare();
    } finally {
      this.currentAgent = previous;
    }
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
