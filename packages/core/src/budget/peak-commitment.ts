import type { Nanodollars } from '../money/nanodollars';
import type { PriceTable } from '../pricing/price-table';
import { worstCaseCost } from './call-bound';
import { forecastStep } from './projection';
import type { PlannedStep, WorkPlan } from './work-plan';

/**
 * How much larger than a turn's real prompt its hold's prompt bound is, in
 * units of the turn's growth: a turn that extends the last one is held at the
 * last billed prompt plus the byte bound of what was appended (about four
 * bytes a token, so three growths more than the truth); the first turn is held
 * at an exact count when the byte bound does not fit.
 */
const appendedBoundSlack = 3;

/**
 * The largest amount a step has committed at once, running alone: over its
 * turns, what the turns before cost plus the next turn's worst-case hold
 * (its prompt bound at the dearest class it can incur, plus `maxTokens` at
 * the output price). A hard limit below it refuses that turn even when the
 * step's whole cost would fit: the peak, not the total, decides whether a run
 * can finish unchanged.
 *
 * @example
 * ```ts
 * stepPeak({ id: 'single', model: 'claude-sonnet-4-6', turns: 8, contextTokens: 3_000, growthPerTurn: 1_200, outputPerTurn: 80, maxTokens: 1_024 }, table);
 * ```
 */
export function stepPeak(step: PlannedStep, priceTable: PriceTable): Nanodollars {
  const turns = Math.max(0, Math.floor(step.turns));
  const pricing = priceTable.resolve(step.model);
  let peak = 0;
  for (let turn = 0; turn < turns; turn += 1) {
    const before = turn === 0 ? 0 : forecastStep({ ...step, turns: turn }, { priceTable }).cost;
    const prompt =
      step.contextTokens +
      turn * step.growthPerTurn +
      (turn === 0 ? 0 : appendedBoundSlack * step.growthPerTurn);
    const caching = step.caching !== false && prompt >= pricing.minCacheableTokens;
    const hold = worstCaseCost(
      {
        model: step.model,
        inputTokensBound: Math.ceil(prompt),
        maxTokens: step.maxTokens,
        cacheWrites: caching ? (step.cacheTtl ?? '5m') : 'none',
        ...(step.lane === undefined ? {} : { lane: step.lane }),
      },
      priceTable,
    );
    peak = Math.max(peak, before + hold);
  }
  return peak;
}

/**
 * The peak commitment of a plan run step after step: over the steps, what the
 * steps before cost plus the step's own peak ({@link stepPeak}). Siblings that
 * run at the same time hold at once; this counts one hold at a time, so keep
 * a margin under the limit when a plan runs steps concurrently.
 *
 * @example
 * ```ts
 * const fits = planPeak(plan, table) <= available;
 * ```
 */
export function planPeak(plan: WorkPlan, priceTable: PriceTable): Nanodollars {
  let before = 0;
  let peak = 0;
  const seenGroups = new Set<string>();
  // A fan-out's steps mostly share one shape: price each shape once.
  const peaks = new Map<string, Nanodollars>();
  const costs = new Map<string, Nanodollars>();
  for (const step of plan.steps) {
    const sharedPrefixCached = step.group !== undefined && seenGroups.has(step.group);
    if (step.group !== undefined) seenGroups.add(step.group);
    const shape = shapeKey(step);
    let stepMost = peaks.get(shape);
    if (stepMost === undefined) {
      stepMost = stepPeak(step, priceTable);
      peaks.set(shape, stepMost);
    }
    peak = Math.max(peak, before + stepMost);
    const costKey = `${shape}|${String(sharedPrefixCached)}`;
    let cost = costs.get(costKey);
    if (cost === undefined) {
      cost = forecastStep(step, { priceTable, sharedPrefixCached }).cost;
      costs.set(costKey, cost);
    }
    before += cost;
  }
  return peak;
}

/** What a step's forecast and peak depend on: every field but its id and group. */
function shapeKey(step: PlannedStep): string {
  return [
    step.model,
    step.turns,
    step.contextTokens,
    step.cachedTokens ?? 0,
    step.growthPerTurn,
    step.outputPerTurn,
    step.maxTokens,
    step.caching ?? true,
    step.cacheTtl ?? '5m',
    step.lane ?? 'interactive',
    step.sharedPrefixTokens ?? 0,
  ].join('|');
}
