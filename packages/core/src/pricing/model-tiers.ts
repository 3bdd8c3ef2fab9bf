import type { ModelLine } from './model-spec';
import type { PriceTable } from './price-table';

/**
 * The default model tiers, cheapest first: the models the orchestrator uses by
 * default (haiku 4.5 triages, sonnet 4.6 plans and works) and the opus of the
 * same generation above them. The one list behind the router's tiers
 * (`defaultRouterTiers`), the degradation ladder's (`LadderOptions.modelTiers`)
 * and the orchestrator's, so an escalation climbs and a downgrade steps down
 * the same ladder of models.
 *
 * @example
 * ```ts
 * createRouter({ tiers: [...defaultModelTiers, 'claude-mythos-5-2'] });
 * ```
 */
export const defaultModelTiers: readonly string[] = Object.freeze([
  'claude-haiku-4-5',
  'claude-sonnet-4-6',
  'claude-opus-4-6',
]);

// Every line has a place (`satisfies` fails the build when a line is added to
// ModelLine and not here).
const lineRanks = {
  haiku: 0,
  sonnet: 1,
  opus: 2,
  fable: 3,
  mythos: 4,
} as const satisfies Record<ModelLine, number>;

/** Model lines from least to most capable. */
export const modelLineOrder: readonly ModelLine[] = Object.freeze(
  (Object.keys(lineRanks) as ModelLine[]).sort((a, b) => lineRanks[a] - lineRanks[b]),
);

/**
 * Ranks models against a tier list, cheapest first: a tier ranks by its
 * index; a model outside the list ranks with the tier of its line (a
 * sonnet 4.5 with sonnet 4.6); a line no tier has ranks between the tiers of
 * the lines around it (a fable above an opus tier), so it may lie past the top
 * or under the bottom. The router climbs it (`above`, `atLeast`); the
 * degradation ladder steps down it (`below`).
 *
 */
export interface ModelRanker {
  /** The rank of `model`; throws `UnknownModelError` naming `argument` for a model the table lacks. */
  rank(model: string, argument: string): number;
  /** The cheapest tier ranked above `rank`, or undefined past the top. */
  above(rank: number): number | undefined;
  /** The cheapest tier ranked at `rank` or above, or undefined past the top. */
  atLeast(rank: number): number | undefined;
  /** The dearest tier ranked below `rank`, or undefined under the bottom. */
  below(rank: number): number | undefined;
}

/**
 * The one ranker of models against tiers (see {@link ModelRanker}). Every tier
 * is resolved once against `priceTable`; an unknown one throws
 * `UnknownModelError` naming `${argument}[index]`.
 */
export function createModelRanker(
  tiers: readonly string[],
  priceTable: PriceTable,
  argument = 'tiers',
): ModelRanker {
  const resolved = tiers.map((tier, index) =>
    priceTable.resolve(tier, `${argument}[${String(index)}]`),
  );
  const tierIds = resolved.map((model) => model.id);
  const tierLines = resolved.map((model) => lineRanks[model.line]);
  return {
    rank(model, modelArgument) {
      const { id, line } = priceTable.resolve(model, modelArgument);
      const exact = tierIds.indexOf(id);
      if (exact >= 0) return exact;
      const sameLine = tierLines.indexOf(lineRanks[line]);
      if (sameLine >= 0) return sameLine;
      return tierLines.filter((tierLine) => tierLine < lineRanks[line]).length - 0.5;
    },
    above(rank) {
      const index = Math.floor(rank) + 1;
      return index < tiers.length ? index : undefined;
    },
    atLeast(rank) {
      const index = Math.ceil(rank);
      return index < tiers.length ? Math.max(0, index) : undefined;
    },
    below(rank) {
      const index = Math.min(Math.ceil(rank), tiers.length) - 1;
      return index >= 0 ? index : undefined;
    },
  };
}
