import type { Nanodollars } from '../money/nanodollars';
import { cost } from '../pricing/price-call';
import type { PriceTable } from '../pricing/price-table';
import { addUsage, emptyUsage, type Usage } from '../usage/usage';
import type { BudgetSnapshot } from './budget';
import type { PlannedStep, WorkPlan } from './work-plan';

/** spent + reserved + the forecast of the remaining work, with its parts. */
export interface Projection {
  readonly spent: Nanodollars;
  readonly reserved: Nanodollars;
  readonly forecast: Nanodollars;
  /** spent + reserved + forecast. */
  readonly total: Nanodollars;
  readonly limit: Nanodollars | undefined;
  /** The forecast of each step: tokens by class and cost. */
  readonly steps: readonly {
    readonly id: string;
    readonly usage: Usage;
    readonly cost: Nanodollars;
  }[];
}

/**
 * Forecasts one step's remaining turns. The prompt at turn t is
 * `contextTokens + t * growthPerTurn`. A prompt under the model's minimum
 * cacheable length is neither cached nor read from cache. With caching, turn 0 reads what is
 * already cached (`cachedTokens`, or a sibling's shared prefix) and writes the
 * rest; each later turn reads the previous turn's prompt and writes only the
 * growth. Without caching every turn pays its whole prompt as input, so the
 * cost grows with the square of the turns.
 *
 * @example
 * ```ts
 * forecastStep({ id: 'a', model: 'claude-sonnet-4-6', turns: 3, contextTokens: 2000, growthPerTurn: 500, outputPerTurn: 100, maxTokens: 500 }, { priceTable });
 * // usage: { input: 0, cacheWrite5m: 3000, cacheRead: 4500, output: 300, ... }
 * ```
 */
export function forecastStep(
  step: PlannedStep,
  options: { priceTable: PriceTable; sharedPrefixCached?: boolean },
): { usage: Usage; cost: Nanodollars } {
  const turns = Math.max(0, Math.floor(step.turns));
  if (turns === 0) return { usage: emptyUsage, cost: 0 };
  const context = step.contextTokens;
  const growth = step.growthPerTurn;
  const output = Math.min(step.outputPerTurn, step.maxTokens);
  const pricing = options.priceTable.resolve(step.model);
  const costOptions = {
    priceTable: options.priceTable,
    ...(step.lane === undefined ? {} : { lane: step.lane }),
  };
  const alreadyCached = Math.min(
    context,
    Math.max(
      step.cachedTokens ?? 0,
      options.sharedPrefixCached === true ? (step.sharedPrefixTokens ?? 0) : 0,
    ),
  );
  const writeClass = step.cacheTtl === '1h' ? 'cacheWrite1h' : 'cacheWrite5m';

  // A prompt shorter than the model's minimum cacheable length is neither
  // written nor read: those first turns pay plain input, and caching starts at
  // the first turn long enough (reading nothing, since nothing was written).
  const minimum = pricing.minCacheableTokens;
  if (step.caching !== false && context < minimum) {
    const short = growth > 0 ? Math.min(turns, Math.ceil((minimum - context) / growth)) : turns;
    const uncached = forecastStep({ ...step, turns: short, caching: false }, options);
    if (short === turns) return uncached;
    const cached = forecastStep(
      {
        ...step,
        turns: turns - short,
        contextTokens: context + short * growth,
        cachedTokens: 0,
        sharedPrefixTokens: 0,
      },
      { priceTable: options.priceTable },
    );
    return { usage: addUsage(uncached.usage, cached.usage), cost: uncached.cost + cached.cost };
  }

  const turnUsage = (turn: number): Usage => {
    const prompt = context + turn * growth;
    if (step.caching === false) return { ...emptyUsage, input: prompt, output };
    const read = turn === 0 ? alreadyCached : context + (turn - 1) * growth;
    return { ...emptyUsage, cacheRead: read, [writeClass]: prompt - read, output };
  };

  // A per-request tier (haiku-5-5 above 100k) needs each turn priced alone;
  // otherwise cost is linear and the sum prices at once.
  if (pricing.longContext !== undefined) {
    let usage = emptyUsage;
    let total = 0;
    for (let turn = 0; turn < turns; turn += 1) {
      const one = turnUsage(turn);
      usage = addUsage(usage, one);
      total += cost(one, step.model, costOptions);
    }
    return { usage, cost: total };
  }
  const sumOfTurns = (turns * (turns - 1)) / 2;
  let usage: Usage;
  if (step.caching === false) {
    usage = { ...emptyUsage, input: turns * context + growth * sumOfTurns, output: output * turns };
  } else {
    const reads =
      alreadyCached + (turns - 1) * context + growth * (((turns - 1) * (turns - 2)) / 2);
    const prompts = turns * context + growth * sumOfTurns;
    usage = {
      ...emptyUsage,
      cacheRead: reads,
      [writeClass]: prompts - reads,
      output: output * turns,
    };
  }
  return { usage, cost: cost(usage, step.model, costOptions) };
}

/**
 * The governor's projection: what is spent, what is held, and what the
 * remaining plan will cost. Within a fan-out group, the first step writes the
 * shared prefix and its siblings read it.
 *
 * @example
 * ```ts
 * const projection = project(budget.snapshot(), plan, { priceTable: budget.priceTable });
 * projection.total; // nano-dollars
 * ```
 */
export function project(
  snapshot: BudgetSnapshot,
  plan: WorkPlan,
  options: { priceTable: PriceTable },
): Projection {
  const seenGroups = new Set<string>();
  let forecast = 0;
  const steps = plan.steps.map((step) => {
    const sharedPrefixCached = step.group !== undefined && seenGroups.has(step.group);
    if (step.group !== undefined) seenGroups.add(step.group);
    const stepForecast = forecastStep(step, { priceTable: options.priceTable, sharedPrefixCached });
    forecast += stepForecast.cost;
    return { id: step.id, ...stepForecast };
  });
  return {
    spent: snapshot.spent.usd,
    reserved: snapshot.reserved.usd,
    forecast,
    total: snapshot.spent.usd + snapshot.reserved.usd + forecast,
    limit: snapshot.limit.usd,
    steps,
  };
}
