import {
  cost,
  createBudget,
  defaultPriceTable,
  type Budget,
  type PriceTable,
  type Reservation,
} from '@bursar/core';
import { median } from '../measure/median';
import { benchCall, benchUsage } from './bench-call';

/**
 * How the reservations are made:
 * - `top-level`: one hard budget, one reservation at a time.
 * - `allowance-depth-2`: the same on a grandchild (`root.allocate(…).allocate(…)`),
 *   so every charge books into three budgets.
 * - `fan-out`: `fanOut` reservations held open at once, then all settled.
 */
export type GovernorShape = 'top-level' | 'allowance-depth-2' | 'fan-out';

/** Options of {@link measureGovernorOverhead}. */
export interface GovernorOverheadOptions {
  /** Reserve+settle pairs (and bare `cost` calls) timed per sample; a multiple of `fanOut`. */
  readonly pairsPerSample: number;
  /** Timed samples per shape (interleaved across shapes); the median is reported. */
  readonly samples: number;
  /** Untimed samples per shape first, so the JIT has settled before any sample counts. */
  readonly warmupSamples: number;
  /** Reservations held open at once in the `fan-out` shape. */
  readonly fanOut: number;
}

/** Reserve+settle cost in one shape. */
export interface GovernorShapeResult {
  readonly shape: GovernorShape;
  /** Reservations open at the same time. */
  readonly openAtOnce: number;
  /** Budgets each charge books its cost into (the reserving one and its ancestors). */
  readonly budgetsBooked: number;
  /** Median over samples of pairs completed per second. */
  readonly pairsPerSecond: number;
  /** Median over samples of the mean microseconds of one pair. */
  readonly microsecondsPerPair: number;
  /** Every sample's microseconds per pair, in order: the spread. */
  readonly samplesMicrosecondsPerPair: readonly number[];
  /** `microsecondsPerPair` over the median microseconds of one bare `cost()` call. */
  readonly costCallsPerPair: number;
}

/** What {@link measureGovernorOverhead} found. */
export interface GovernorOverheadResult {
  readonly pairsPerSample: number;
  readonly samples: number;
  readonly warmupSamples: number;
  /** What one settle charges, in nano-dollars. */
  readonly usageCostNanodollars: number;
  /** What one reserve holds, in nano-dollars. */
  readonly boundNanodollars: number;
  /** Times one pair prices a usage (counted, not assumed): the worst case per write class, plus the charge. */
  readonly pricingsPerPair: number;
  /** The baseline: one bare `cost(usage, model)` call. */
  readonly cost: {
    readonly callsPerSecond: number;
    readonly microsecondsPerCall: number;
    readonly samplesMicrosecondsPerCall: readonly number[];
  };
  readonly shapes: readonly GovernorShapeResult[];
}

// Generous limits: at about $0.014 a pair, a sample spends under $300, so
// nothing is ever refused, and nano-dollars stay far below 2^53.
const rootUsd = '1000000';
const childUsd = '100000';
const grandchildUsd = '10000';

/** Throws unless `budget` booked exactly `pairs` charges and holds nothing for calls. */
function assertSettled(budget: Budget, pairs: number, usageCost: number): void {
  const snapshot = budget.snapshot();
  if (snapshot.spent.usd !== pairs * usageCost || snapshot.openReservations !== 0) {
    throw new Error(
      `${budget.name}: spent ${snapshot.spent.usd} with ${snapshot.openReservations} open, ` +
        `expected ${pairs * usageCost} with none open`,
    );
  }
}

function microsecondsPer(count: number, startMs: number): number {
  return ((performance.now() - startMs) * 1_000) / count;
}

function timeTopLevel(pairs: number, usageCost: number): number {
  const budget = createBudget({ usd: rootUsd, enforcement: 'hard', name: 'bench' });
  const start = performance.now();
  for (let index = 0; index < pairs; index += 1) budget.reserve(benchCall).settle(benchUsage);
  const microseconds = microsecondsPer(pairs, start);
  assertSettled(budget, pairs, usageCost);
  if (budget.reserved.usd !== 0) throw new Error('the top-level budget still holds money');
  return microseconds;
}

function timeAllowanceDepth2(pairs: number, usageCost: number): number {
  const root = createBudget({ usd: rootUsd, enforcement: 'hard', name: 'bench' });
  const team = root.allocate({ usd: childUsd, name: 'team' });
  const worker = team.allocate({ usd: grandchildUsd, name: 'worker' });
  const start = performance.now();
  for (let index = 0; index < pairs; index += 1) worker.reserve(benchCall).settle(benchUsage);
  const microseconds = microsecondsPer(pairs, start);
  // Each charge booked up the chain: all three budgets saw every pair.
  for (const budget of [worker, team, root]) assertSettled(budget, pairs, usageCost);
  return microseconds;
}

function timeFanOut(pairs: number, usageCost: number, fanOut: number): number {
  const budget = createBudget({ usd: rootUsd, enforcement: 'hard', name: 'bench' });
  const start = performance.now();
  for (let done = 0; done < pairs; done += fanOut) {
    const batch: Reservation[] = [];
    for (let slot = 0; slot < fanOut; slot += 1) batch.push(budget.reserve(benchCall));
    for (const reservation of batch) reservation.settle(benchUsage);
  }
  const microseconds = microsecondsPer(pairs, start);
  assertSettled(budget, pairs, usageCost);
  return microseconds;
}

function timeCost(calls: number, usageCost: number): number {
  let checksum = 0;
  const start = performance.now();
  for (let index = 0; index < calls; index += 1) checksum += cost(benchUsage, benchCall.model);
  const microseconds = microsecondsPer(calls, start);
  // Use the result, so the calls cannot be optimised away.
  if (checksum !== calls * usageCost) throw new Error('cost() changed its answer');
  return microseconds;
}

/** Counts the usages one reserve+settle pair prices, through a price table that counts lookups. */
function countPricingsPerPair(): number {
  let resolves = 0;
  const countingTable: PriceTable = {
    ...defaultPriceTable,
    resolve(model, argument) {
      // priceCall resolves with the default argument; worstCaseCost's own
      // lookup of the model's rates ('call.model') prices nothing.
      if (argument === undefined || argument === 'model') resolves += 1;
      return defaultPriceTable.resolve(model, argument);
    },
  };
  const budget = createBudget({ usd: rootUsd, priceTable: countingTable });
  budget.reserve(benchCall).settle(benchUsage);
  return resolves;
}

/**
 * Measures the governor's bookkeeping per model call: how long one
 * `budget.reserve(call)` plus `reservation.settle(usage)` takes, in three
 * shapes (see {@link GovernorShape}), next to one bare `cost(usage, model)`
 * call, which a pair does twice (pricing the worst case at the dearest
 * class the call allows, then the actual usage). Each sample uses fresh budgets, built
 * outside the timed loop and checked after it (every pair charged, nothing
 * left open). Samples rotate through the shapes so drift (GC, frequency
 * scaling) falls on all of them alike.
 *
 * @example
 * ```ts
 * const result = measureGovernorOverhead({ pairsPerSample: 20_480, samples: 15, warmupSamples: 3, fanOut: 64 });
 * result.shapes[0]?.microsecondsPerPair; // ≈ 4 on a 2-core EPYC VM
 * ```
 */
export function measureGovernorOverhead(options: GovernorOverheadOptions): GovernorOverheadResult {
  const { pairsPerSample, samples, warmupSamples, fanOut } = options;
  if (pairsPerSample % fanOut !== 0) {
    throw new RangeError(`pairsPerSample (${pairsPerSample}) must be a multiple of fanOut`);
  }
  const usageCost = cost(benchUsage, benchCall.model);
  const modes = [
    { mode: 'cost', time: () => timeCost(pairsPerSample, usageCost) },
    { mode: 'top-level', time: () => timeTopLevel(pairsPerSample, usageCost) },
    { mode: 'allowance-depth-2', time: () => timeAllowanceDepth2(pairsPerSample, usageCost) },
    { mode: 'fan-out', time: () => timeFanOut(pairsPerSample, usageCost, fanOut) },
  ] as const;

  for (let pass = 0; pass < warmupSamples; pass += 1) {
    for (const { time } of modes) time();
  }

  const timings = modes.map((): number[] => []);
  for (let round = 0; round < samples; round += 1) {
    for (let step = 0; step < modes.length; step += 1) {
      const which = (step + round) % modes.length;
      const mode = modes[which];
      if (mode !== undefined) timings[which]?.push(mode.time());
    }
  }

  const summary = (which: number) => {
    const microseconds = timings[which] ?? [];
    return {
      perSecond: median(microseconds.map((sample) => 1_000_000 / sample)),
      microseconds: median(microseconds),
      samples: microseconds,
    };
  };
  const costSummary = summary(0);
  const shapeFacts: Record<GovernorShape, { openAtOnce: number; budgetsBooked: number }> = {
    'top-level': { openAtOnce: 1, budgetsBooked: 1 },
    'allowance-depth-2': { openAtOnce: 1, budgetsBooked: 3 },
    'fan-out': { openAtOnce: fanOut, budgetsBooked: 1 },
  };
  const shapes = modes.flatMap(({ mode }, which): GovernorShapeResult[] => {
    if (mode === 'cost') return [];
    const pairs = summary(which);
    return [
      {
        shape: mode,
        ...shapeFacts[mode],
        pairsPerSecond: pairs.perSecond,
        microsecondsPerPair: pairs.microseconds,
        samplesMicrosecondsPerPair: pairs.samples,
        costCallsPerPair: pairs.microseconds / costSummary.microseconds,
      },
    ];
  });

  return {
    pairsPerSample,
    samples,
    warmupSamples,
    usageCostNanodollars: usageCost,
    boundNanodollars: createBudget({ usd: rootUsd }).bound(benchCall).usd,
    pricingsPerPair: countPricingsPerPair(),
    cost: {
      callsPerSecond: costSummary.perSecond,
      microsecondsPerCall: costSummary.microseconds,
      samplesMicrosecondsPerCall: costSummary.samples,
    },
    shapes,
  };
}
