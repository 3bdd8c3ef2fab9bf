import type { ModelLine } from '../pricing/model-spec';
import type { PriceTable } from '../pricing/price-table';

/**
 * The router's default tiers, cheapest first: the models the orchestrator
 * uses by default (haiku 4.5 triages, sonnet 4.6 plans and works) and the
 * opus of the same generation above them.
 *
 * @example
 * ```ts
 * createRouter({ tiers: [...defaultRouterTiers, 'claude-opus-4-8'] });
 * ```
 */
export const defaultRouterTiers: readonly string[] = [
  'claude-haiku-4-5',
  'claude-sonnet-4-6',
  'claude-opus-4-6',
];

/** Model lines from least to most capable. @internal */
export const modelLineOrder: readonly ModelLine[] = ['haiku', 'sonnet', 'opus', 'fable', 'mythos'];

/**
 * Ranks models against a tier list, cheapest first: a tier ranks by its
 * index; a model outside the list ranks with the tier of its line (a
 * sonnet 4.5 with sonnet 4.6); a line no tier has ranks between the tiers of
 * the lines around it (a fable above an opus tier), so it may lie past the top.
 * @internal
 */
export interface ModelRanker {
  /** The rank of `model`; throws `UnknownModelError` naming `argument` for a model the table lacks. */
  rank(model: string, argument: string): number;
  /** The cheapest tier ranked above `rank`, or undefined past the top. */
  above(rank: number): number | undefined;
  /** The cheapest tier ranked at `rank` or above, or undefined past the top. */
  atLeast(rank: number): number | undefined;
}

/** @internal */
export function createModelRanker(tiers: readonly string[], priceTable: PriceTable): ModelRanker {
  const tierIds = tiers.map((tier, index) => priceTable.resolve(tier, `tiers[${index}]`).id);
  const tierLines = tiers.map((tier) => modelLineOrder.indexOf(priceTable.resolve(tier).line));
  return {
    rank(model, argument) {
      const resolved = priceTable.resolve(model, argument);
      const exact = tierIds.indexOf(resolved.id);
      if (exact >= 0) return exact;
      const line = modelLineOrder.indexOf(resolved.line);
      const sameLine = tierLines.indexOf(line);
      if (sameLine >= 0) return sameLine;
      return tierLines.filter((tierLine) => tierLine < line).length - 0.5;
    },
    above(rank) {
      const index = Math.floor(rank) + 1;
      return index < tiers.length ? index : undefined;
    },
    atLeast(rank) {
      const index = Math.ceil(rank);
      return index < tiers.length ? Math.max(0, index) : undefined;
    },
  };
}
