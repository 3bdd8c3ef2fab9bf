import { createSeededRandom } from '../answer/seeded-random';

/**
 * A fault the simulator can inject:
 * - `rate_limit`: 429 with `retry-after`
 * - `overloaded`: 529
 * - `api_error`: 500
 * - `connection_drop`: the connection closes before any response (nothing billed)
 * - `stream_cut`: a streamed response stops mid-way (billed for what was sent;
 *   on a non-streamed request it acts as `connection_drop`)
 * - `spend_limit`: 429 `enforced_spend_limit_reached`, no `retry-after`
 */
export type FaultKind =
  'rate_limit' | 'overloaded' | 'api_error' | 'connection_drop' | 'stream_cut' | 'spend_limit';

/** All fault kinds. */
export const faultKinds: readonly FaultKind[] = [
  'rate_limit',
  'overloaded',
  'api_error',
  'connection_drop',
  'stream_cut',
  'spend_limit',
];

/** Fault settings; POST /_sim/faults takes the same fields. */
export interface FaultOptions {
  /** Share of requests that fail, 0 to 1. @default 0 */
  readonly rate?: number;
  /** Which faults random failures draw from. @default the first five (not spend_limit) */
  readonly kinds?: readonly FaultKind[];
  /** `retry-after` of injected 429s and 529s, in seconds. @default 2 */
  readonly retryAfterSeconds?: number;
  /** Faults for the next requests, in order, before any random one. */
  readonly next?: readonly FaultKind[];
  /** Seed of the random draws. @default the simulator's seed */
  readonly seed?: string | number;
}

/**
 * Decides, request by request, whether to inject a fault: first from the
 * `next` queue, then at random with a seeded generator (the same seed and
 * request order give the same faults).
 *
 * @example
 * ```ts
 * const faults = new FaultInjector({ next: ['rate_limit'] }, 'seed');
 * faults.draw(); // 'rate_limit'
 * ```
 */
export class FaultInjector {
  private settings: Required<Omit<FaultOptions, 'seed' | 'next'>> = {
    rate: 0,
    kinds: faultKinds.slice(0, 5),
    retryAfterSeconds: 2,
  };
  private queue: FaultKind[] = [];
  private random: ReturnType<typeof createSeededRandom>;

  constructor(options: FaultOptions, defaultSeed: string | number) {
    this.random = createSeededRandom(options.seed ?? defaultSeed);
    this.configure(options, defaultSeed);
  }

  get retryAfterSeconds(): number {
    return this.settings.retryAfterSeconds;
  }

  /** Replaces the settings given; keeps the others. Throws a message on a bad value. */
  configure(options: FaultOptions, defaultSeed: string | number): void {
    const rate = options.rate ?? this.settings.rate;
    if (typeof rate !== 'number' || !(rate >= 0 && rate <= 1))
      throw new Error(`rate must be between 0 and 1, got ${String(rate)}`);
    const kinds = options.kinds ?? this.settings.kinds;
    const next = options.next ?? [];
    for (const kind of [...kinds, ...next]) {
      if (!faultKinds.includes(kind))
        throw new Error(
          `unknown fault kind ${JSON.stringify(kind)}; known: ${faultKinds.join(', ')}`,
        );
    }
    if (kinds.length === 0 && rate > 0)
      throw new Error('kinds must not be empty when rate is above 0');
    const retryAfterSeconds = options.retryAfterSeconds ?? this.settings.retryAfterSeconds;
    if (!Number.isInteger(retryAfterSeconds) || retryAfterSeconds < 0) {
      throw new Error(
        `retryAfterSeconds must be a whole number of seconds, got ${String(retryAfterSeconds)}`,
      );
    }
    this.settings = { rate, kinds, retryAfterSeconds };
    if (options.next !== undefined) this.queue = [...next];
    if (options.seed !== undefined) this.random = createSeededRandom(options.seed ?? defaultSeed);
  }

  /** The fault for the next request, if any. */
  draw(): FaultKind | undefined {
    const queued = this.queue.shift();
    if (queued !== undefined) return queued;
    if (this.settings.rate === 0) return undefined;
    return this.random.next() < this.settings.rate
      ? this.random.pick(this.settings.kinds)
      : undefined;
  }

  /** The current settings, for GET /_sim/faults. */
  describe(): {
    rate: number;
    kinds: readonly FaultKind[];
    retryAfterSeconds: number;
    next: readonly FaultKind[];
  } {
    return { ...this.settings, next: [...this.queue] };
  }
}
