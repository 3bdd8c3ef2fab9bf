import { InvalidArgumentError } from '../errors/invalid-argument-error';
import { UnknownModelError } from '../errors/unknown-model-error';
import { tokenClasses, type TokenClass } from '../usage/usage';
import {
  defaultModelSpecs,
  defaultMultipliers,
  defaultPriceSources,
  defaultPricesAsOf,
} from './default-price-data';
import {
  ceilDivide,
  formatPricePerMillion,
  parseDecimal,
  toFemtodollarsPerToken,
  type Ratio,
} from './decimal';
import type {
  ClassPriceSpec,
  ClassPrices,
  ClassRates,
  ModelLine,
  ModelPricing,
  ModelSpec,
  PricePerMillion,
} from './model-spec';

/**
 * Changes to one model: any {@link ModelSpec} field, with `prices` merged class
 * by class. A model the base table lacks needs at least `prices.input` and
 * `prices.output`.
 */
export type ModelOverride = Omit<Partial<ModelSpec>, 'prices'> & {
  readonly prices?: Partial<ClassPriceSpec>;
};

/** Options of {@link createPriceTable}. */
export interface PriceTableOptions {
  /**
   * The table to start from; `null` starts empty.
   * @default defaultPriceTable
   */
  readonly base?: PriceTable | null;
  /** Models to add or change, keyed by canonical id. */
  readonly models?: Readonly<Record<string, ModelOverride>>;
  /** Extra ids that mean a known model (`'my-alias': 'claude-sonnet-4-5'`). */
  readonly aliases?: Readonly<Record<string, string>>;
  /** Multipliers across models, as decimals (`batch: '0.5'`). */
  readonly multipliers?: Partial<Record<keyof typeof defaultMultipliers, PricePerMillion>>;
  /** When these prices were true. @default the base's date */
  readonly asOf?: string;
  /** Where these prices come from. @default the base's sources */
  readonly sources?: readonly string[];
}

/**
 * Prices and model facts, resolved. Build one with {@link createPriceTable};
 * {@link defaultPriceTable} holds the current catalogue.
 */
export interface PriceTable {
  readonly asOf: string;
  readonly sources: readonly string[];
  /** Cross-model multipliers as decimal strings and as exact ratios. */
  readonly multipliers: Readonly<
    Record<keyof typeof defaultMultipliers, { readonly decimal: string; readonly ratio: Ratio }>
  >;
  /** Every model, by canonical id, sorted. */
  readonly models: readonly ModelPricing[];
  /** The alias map, alias -> canonical id. */
  readonly aliases: ReadonlyMap<string, string>;
  /** The model with this id or alias (a `-YYYYMMDD` snapshot of a known id resolves too), or undefined. */
  find(model: string): ModelPricing | undefined;
  /** Like `find`, but throws {@link UnknownModelError} listing the known models. */
  resolve(model: string, argument?: string): ModelPricing;
  /** The spec each model was built from, for extending the table. @internal */
  readonly specs: Readonly<Record<string, ModelSpec>>;
}

const datedSnapshot = /^(.+)-\d{8}$/;
const modelLines: readonly ModelLine[] = ['haiku', 'sonnet', 'opus', 'fable', 'mythos'];

/**
 * Builds a price table: the default catalogue (or `base`) with your models
 * added or changed. Every price is checked; a bad one names the model and field.
 *
 * @example
 * ```ts
 * const table = createPriceTable({
 *   models: {
 *     'claude-sonnet-4-5': { prices: { cacheRead: '0.25' } }, // a negotiated price
 *     'my-finetune': { line: 'sonnet', prices: { input: '4', output: '20' } },
 *   },
 * });
 * cost(usage, 'my-finetune', { priceTable: table });
 * ```
 */
export function createPriceTable(options: PriceTableOptions = {}): PriceTable {
  const base = options.base === undefined ? defaultPriceTable : options.base;
  const specs: Record<string, ModelSpec> = { ...(base?.specs ?? {}) };
  for (const [id, override] of Object.entries(options.models ?? {})) {
    specs[id] = mergeSpec(specs[id], override, `models[${JSON.stringify(id)}]`);
  }
  const multipliers = {
    batch: multiplier(
      options.multipliers?.batch ?? base?.multipliers.batch.decimal ?? defaultMultipliers.batch,
      'multipliers.batch',
    ),
    inferenceGeoUs: multiplier(
      options.multipliers?.inferenceGeoUs ??
        base?.multipliers.inferenceGeoUs.decimal ??
        defaultMultipliers.inferenceGeoUs,
      'multipliers.inferenceGeoUs',
    ),
  };
  const models = new Map<string, ModelPricing>();
  for (const id of Object.keys(specs).sort()) {
    const spec = specs[id];
    if (spec !== undefined) models.set(id, buildModel(id, spec));
  }
  const aliases = new Map<string, string>();
  for (const model of models.values()) {
    for (const alias of model.aliases) aliases.set(alias, model.id);
  }
  for (const [alias, target] of Object.entries(options.aliases ?? {})) {
    const canonical = models.has(target) ? target : aliases.get(target);
    if (canonical === undefined) {
      throw new UnknownModelError({
        model: target,
        knownModels: [...models.keys()],
        argument: `aliases[${JSON.stringify(alias)}]`,
      });
    }
    aliases.set(alias, canonical);
  }
  const knownModels = [...models.keys()];

  function find(model: string): ModelPricing | undefined {
    const direct = models.get(model) ?? models.get(aliases.get(model) ?? '');
    if (direct !== undefined) return direct;
    const snapshot = datedSnapshot.exec(model)?.[1];
    return snapshot === undefined
      ? undefined
      : (models.get(snapshot) ?? models.get(aliases.get(snapshot) ?? ''));
  }

  return Object.freeze({
    asOf: options.asOf ?? base?.asOf ?? defaultPricesAsOf,
    sources: Object.freeze([...(options.sources ?? base?.sources ?? defaultPriceSources)]),
    multipliers,
    models: Object.freeze([...models.values()]),
    aliases,
    specs: Object.freeze(specs),
    find,
    resolve(model: string, argument = 'model'): ModelPricing {
      if (typeof model !== 'string' || model.length === 0) {
        throw new InvalidArgumentError({
          argument,
          value: model,
          message: 'expected a model id string',
        });
      }
      const found = find(model);
      if (found === undefined) throw new UnknownModelError({ model, knownModels, argument });
      return found;
    },
  });
}

function mergeSpec(
  existing: ModelSpec | undefined,
  override: ModelOverride,
  argument: string,
): ModelSpec {
  if (typeof override !== 'object' || (override as unknown) === null) {
    throw new InvalidArgumentError({
      argument,
      value: override,
      message: 'expected a model spec object',
    });
  }
  const mergedPrices = { ...existing?.prices, ...override.prices };
  if (mergedPrices.input === undefined || mergedPrices.output === undefined) {
    throw new InvalidArgumentError({
      argument: `${argument}.prices`,
      value: override.prices,
      message: 'a new model needs at least input and output prices (USD per million tokens)',
    });
  }
  // A changed input price re-derives cache classes the base had only derived.
  return {
    ...existing,
    ...override,
    prices: { ...mergedPrices, input: mergedPrices.input, output: mergedPrices.output },
  };
}

function multiplier(value: PricePerMillion, argument: string): { decimal: string; ratio: Ratio } {
  const ratio = parseDecimal(value, argument);
  return { decimal: String(value), ratio };
}

function buildModel(id: string, spec: ModelSpec): ModelPricing {
  const where = `models[${JSON.stringify(id)}]`;
  const standard = classRates(spec.prices, `${where}.prices`, defaultDerivation);
  const longContext =
    spec.longContext === undefined
      ? undefined
      : {
          abovePromptTokens: positiveInteger(
            spec.longContext.abovePromptTokens,
            `${where}.longContext.abovePromptTokens`,
            0,
          ),
          rates: classRates(
            spec.longContext.prices,
            `${where}.longContext.prices`,
            defaultDerivation,
          ),
        };
  // Fast mode keeps the model's own cache-to-input ratios.
  const fast =
    spec.fast === undefined
      ? undefined
      : classRates(spec.fast, `${where}.fast`, (input, tokenClass) =>
          standard.input === 0n ? 0n : ceilDivide(input * standard[tokenClass], standard.input),
        );
  const line = spec.line ?? modelLines.find((candidate) => id.includes(candidate)) ?? 'sonnet';
  if (!modelLines.includes(line)) {
    throw new InvalidArgumentError({
      argument: `${where}.line`,
      value: line,
      message: `expected one of ${modelLines.join(', ')}`,
    });
  }
  return Object.freeze({
    id,
    displayName: spec.displayName ?? id,
    line,
    availability: spec.availability ?? 'api',
    retiresOn: spec.retiresOn,
    contextWindow: positiveInteger(spec.contextWindow ?? 200_000, `${where}.contextWindow`, 1),
    maxOutputTokens: positiveInteger(spec.maxOutputTokens ?? 64_000, `${where}.maxOutputTokens`, 1),
    minCacheableTokens: positiveInteger(
      spec.minCacheableTokens ?? 1024,
      `${where}.minCacheableTokens`,
      0,
    ),
    aliases: Object.freeze([...(spec.aliases ?? [])]),
    confidence: spec.confidence ?? 'sure',
    geoSurcharge: spec.geoSurcharge ?? false,
    prices: formatRates(standard),
    longContext:
      longContext === undefined
        ? undefined
        : {
            abovePromptTokens: longContext.abovePromptTokens,
            prices: formatRates(longContext.rates),
          },
    fast: fast === undefined ? undefined : formatRates(fast),
    rates: { standard, longContext: longContext?.rates, fast },
  });
}

type Derivation = (
  inputRate: bigint,
  tokenClass: Exclude<TokenClass, 'input' | 'output'>,
) => bigint;

// The API's default cache multipliers: 5m write 1.25x, 1h write 2x, hit 0.1x.
const defaultDerivation: Derivation = (input, tokenClass) => {
  switch (tokenClass) {
    case 'cacheWrite5m':
      return ceilDivide(input * 5n, 4n);
    case 'cacheWrite1h':
      return input * 2n;
    case 'cacheRead':
      return ceilDivide(input, 10n);
  }
};

function classRates(spec: ClassPriceSpec, argument: string, derive: Derivation): ClassRates {
  if (typeof spec !== 'object' || (spec as unknown) === null) {
    throw new InvalidArgumentError({
      argument,
      value: spec,
      message: 'expected prices per token class',
    });
  }
  const rate = (value: PricePerMillion | undefined, tokenClass: TokenClass): bigint | undefined =>
    value === undefined
      ? undefined
      : toFemtodollarsPerToken(parseDecimal(value, `${argument}.${tokenClass}`));
  const input = rate(spec.input, 'input');
  const output = rate(spec.output, 'output');
  if (input === undefined || output === undefined) {
    throw new InvalidArgumentError({
      argument,
      value: spec,
      message: 'input and output prices are required',
    });
  }
  return Object.freeze({
    input,
    output,
    cacheWrite5m: rate(spec.cacheWrite5m, 'cacheWrite5m') ?? derive(input, 'cacheWrite5m'),
    cacheWrite1h: rate(spec.cacheWrite1h, 'cacheWrite1h') ?? derive(input, 'cacheWrite1h'),
    cacheRead: rate(spec.cacheRead, 'cacheRead') ?? derive(input, 'cacheRead'),
  });
}

function formatRates(rates: ClassRates): ClassPrices {
  const prices = {} as Record<TokenClass, string>;
  for (const tokenClass of tokenClasses)
    prices[tokenClass] = formatPricePerMillion(rates[tokenClass]);
  return Object.freeze(prices);
}

function positiveInteger(value: unknown, argument: string, minimum: number): number {
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < minimum) {
    throw new InvalidArgumentError({
      argument,
      value,
      message: `expected a whole number of at least ${String(minimum)}`,
    });
  }
  return value;
}

/**
 * The current catalogue: every model in the API's price list as of
 * {@link PriceTable.asOf}, with dated aliases, tiers and fast-mode prices.
 * See docs/pricing.md for the table.
 *
 * @example
 * ```ts
 * defaultPriceTable.resolve('claude-sonnet-4-5-20250929').prices.input; // '3'
 * ```
 */
export const defaultPriceTable: PriceTable = createPriceTable({
  base: null,
  models: defaultModelSpecs,
  asOf: defaultPricesAsOf,
  sources: defaultPriceSources,
});
