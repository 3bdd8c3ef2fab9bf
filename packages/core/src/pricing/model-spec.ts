import type { TokenClass } from '../usage/usage';

/** A price in US dollars per million tokens: a decimal string (exact) or a number. */
export type PricePerMillion = string | number;

/** The family a model belongs to, cheapest first in routing terms. */
export type ModelLine = 'haiku' | 'sonnet' | 'opus' | 'fable' | 'mythos';

/** How sure the table is of a model's prices (see docs/pricing.md). */
export type PriceConfidence = 'sure' | 'quoted' | 'unsure';

/**
 * Prices per token class in USD per million tokens. `input` and `output` are
 * required; cache classes left out follow the default multipliers of the input
 * price (5m write 1.25x, 1h write 2x, cache hit 0.1x).
 */
export interface ClassPriceSpec {
  readonly input: PricePerMillion;
  readonly output: PricePerMillion;
  readonly cacheWrite5m?: PricePerMillion;
  readonly cacheWrite1h?: PricePerMillion;
  readonly cacheRead?: PricePerMillion;
}

/**
 * Everything the price table knows of one model. Only `prices` is required for
 * a model you add; the rest has documented defaults.
 *
 * @example
 * ```ts
 * const spec: ModelSpec = { line: 'sonnet', prices: { input: '3', output: '15' } };
 * ```
 */
export interface ModelSpec {
  /** Standard prices. */
  readonly prices: ClassPriceSpec;
  /**
   * A whole-request tier: when the prompt (input + cache writes + cache reads)
   * is above `abovePromptTokens`, every class of the request bills at `prices`.
   */
  readonly longContext?: {
    readonly abovePromptTokens: number;
    readonly prices: ClassPriceSpec;
  };
  /**
   * Fast-mode (`speed: "fast"`) prices. Cache classes left out keep the
   * model's standard ratio to its input price.
   */
  readonly fast?: ClassPriceSpec;
  /**
   * Whether `inference_geo: "us"` costs the table's surcharge (1.1x) on this model.
   * @default false
   */
  readonly geoSurcharge?: boolean;
  /** Human name, as GET /v1/models shows it. @default the id */
  readonly displayName?: string;
  /** The model's family. @default inferred from the id, else 'sonnet' */
  readonly line?: ModelLine;
  /** Where it is sold. @default 'api' */
  readonly availability?: 'api' | 'cloud-only';
  /** Retirement date (YYYY-MM-DD), when announced. */
  readonly retiresOn?: string;
  /** Largest prompt in tokens. @default 200_000 */
  readonly contextWindow?: number;
  /** Largest `max_tokens`. @default 64_000 */
  readonly maxOutputTokens?: number;
  /** Shortest prefix the cache stores, in tokens. @default 1024 */
  readonly minCacheableTokens?: number;
  /** Other ids that mean this model (dated snapshots). */
  readonly aliases?: readonly string[];
  /** How sure the prices are. @default 'sure' */
  readonly confidence?: PriceConfidence;
}

/** Prices of one tier, normalized to decimal strings in USD per million tokens. */
export type ClassPrices = Readonly<Record<TokenClass, string>>;

/** Rates of one tier in femtodollars (1e-15 USD) per token: exact integers. */
export type ClassRates = Readonly<Record<TokenClass, bigint>>;

/**
 * A model as the price table resolved it: defaults filled, prices normalized
 * and converted to exact per-token rates.
 */
export interface ModelPricing {
  readonly id: string;
  readonly displayName: string;
  readonly line: ModelLine;
  readonly availability: 'api' | 'cloud-only';
  readonly retiresOn: string | undefined;
  readonly contextWindow: number;
  readonly maxOutputTokens: number;
  readonly minCacheableTokens: number;
  readonly aliases: readonly string[];
  readonly confidence: PriceConfidence;
  readonly geoSurcharge: boolean;
  readonly prices: ClassPrices;
  readonly longContext:
    { readonly abovePromptTokens: number; readonly prices: ClassPrices } | undefined;
  readonly fast: ClassPrices | undefined;
  /** Exact rates for `prices`, `longContext.prices` and `fast`. */
  readonly rates: {
    readonly standard: ClassRates;
    readonly longContext: ClassRates | undefined;
    readonly fast: ClassRates | undefined;
  };
}
