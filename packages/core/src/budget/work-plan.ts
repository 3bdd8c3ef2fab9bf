import type { Lane } from '../pricing/price-call';

/**
 * One piece of remaining work as the governor forecasts it: an agent's
 * remaining turns and how its context grows.
 *
 * @example
 * ```ts
 * const step: PlannedStep = {
 *   id: 'researcher-1', model: 'claude-sonnet-4-6', turns: 8,
 *   contextTokens: 6000, growthPerTurn: 900, outputPerTurn: 300, maxTokens: 1024,
 * };
 * ```
 */
export interface PlannedStep {
  readonly id: string;
  readonly model: string;
  /** The cheapest model the step may be downgraded to (by tier). @default no floor */
  readonly minimumModel?: string;
  /** Turns still to run. */
  readonly turns: number;
  /** The prompt at the next turn, in tokens. */
  readonly contextTokens: number;
  /** Of `contextTokens`, what is already in the cache. @default 0 */
  readonly cachedTokens?: number;
  /** Tokens the prompt grows by each turn (tool results, replies). */
  readonly growthPerTurn: number;
  /** Expected output tokens a turn. */
  readonly outputPerTurn: number;
  /** `max_tokens` of each turn. */
  readonly maxTokens: number;
  /** Whether the step caches its prefix turn to turn. @default true */
  readonly caching?: boolean;
  /** TTL of its cache writes. @default '5m' */
  readonly cacheTtl?: '5m' | '1h';
  /** @default 'interactive' */
  readonly lane?: Lane;
  /** May wait for the batch lane (no one is waiting on it). @default false */
  readonly latencyTolerant?: boolean;
  /** Fan-out group: siblings share `sharedPrefixTokens` of their context. */
  readonly group?: string;
  /** Of `contextTokens`, the byte-identical prefix siblings share (read from cache by all but the first). @default 0 */
  readonly sharedPrefixTokens?: number;
  /** Share of the growth that pruning or compaction removes (used tool results). @default 0.5 */
  readonly prunableShare?: number;
}

/** The remaining work of a task. */
export interface WorkPlan {
  readonly steps: readonly PlannedStep[];
}
