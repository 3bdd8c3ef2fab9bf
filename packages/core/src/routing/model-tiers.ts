// The tiers and the ranker live once, in pricing/model-tiers.ts (the ladder in
// budget/ steps down them too, and budget is below routing). This file keeps the
// router's names and import path.
import { defaultModelTiers } from '../pricing/model-tiers';

export { createModelRanker, modelLineOrder, type ModelRanker } from '../pricing/model-tiers';

/**
 * The router's default tiers, cheapest first: {@link defaultModelTiers}, the
 * one list the router, the degradation ladder and the orchestrator share
 * (haiku 4.5 triages, sonnet 4.6 plans and works, opus 4.6 above them).
 *
 * @example
 * ```ts
 * createRouter({ tiers: [...defaultRouterTiers, 'claude-mythos-5-2'] });
 * ```
 */
export const defaultRouterTiers: readonly string[] = defaultModelTiers;
