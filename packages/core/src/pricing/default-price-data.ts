import type { ModelSpec } from './model-spec';

/** When the default table was compiled. */
export const defaultPricesAsOf = '2026-11-25';

/** Where the default table comes from. */
export const defaultPriceSources: readonly string[] = [
  'Anthropic platform docs: about-claude/pricing, build-with-claude/prompt-caching, batch-processing (as of November 2026)',
  '@anthropic-ai/sdk 1.10.0: model ids and usage fields',
  'fable-5-2 and mythos-5-2 prices are third-party figures (confidence "unsure")',
];

/** Price multipliers that apply across models, as decimal strings. */
export const defaultMultipliers = {
  /** Message Batches: 50% off every class, stacking with caching. */
  batch: '0.5',
  /** `inference_geo: "us"` on models with `geoSurcharge`: 1.1x every class. */
  inferenceGeoUs: '1.1',
} as const;

// Context windows: 1M with 128k output for 4.6 and later (haiku-5-5 excepted),
// 200k with 64k output for the 4.5 generation.
const million = { contextWindow: 1_000_000, maxOutputTokens: 128_000 } as const;
const legacy = { contextWindow: 200_000, maxOutputTokens: 64_000 } as const;

function prices(
  input: string,
  cacheWrite5m: string,
  cacheWrite1h: string,
  cacheRead: string,
  output: string,
) {
  return { input, cacheWrite5m, cacheWrite1h, cacheRead, output };
}

/**
 * The default catalogue, keyed by canonical id. Prices in USD per million tokens.
 */
export const defaultModelSpecs: Readonly<Record<string, ModelSpec>> = {
  'claude-fable-5-2': {
    displayName: 'Claude Fable 5.2',
    line: 'fable',
    prices: prices('8', '10', '16', '0.20', '40'),
    geoSurcharge: true,
    minCacheableTokens: 512,
    confidence: 'unsure',
    ...million,
  },
  'claude-mythos-5-2': {
    displayName: 'Claude Mythos 5.2',
    line: 'mythos',
    prices: prices('8', '10', '16', '0.20', '40'),
    geoSurcharge: true,
    minCacheableTokens: 512,
    confidence: 'unsure',
    ...million,
  },
  'claude-haiku-5-5': {
    displayName: 'Claude Haiku 5.5',
    line: 'haiku',
    prices: prices('0.10', '0.125', '0.20', '0.01', '0.50'),
    longContext: {
      abovePromptTokens: 100_000,
      prices: prices('0.50', '0.625', '1.00', '0.05', '2.50'),
    },
    geoSurcharge: true,
    // Not published; taken from haiku-4-5, the line's previous model.
    minCacheableTokens: 4096,
    confidence: 'quoted',
    ...legacy,
  },
  'claude-sonnet-5-5': {
    displayName: 'Claude Sonnet 5.5',
    line: 'sonnet',
    // The cache hit price was 0.20 before 2026-10-07.
    prices: prices('2', '2.50', '4', '0.10', '10'),
    geoSurcharge: true,
    minCacheableTokens: 512,
    ...million,
  },
  'claude-opus-5-5': {
    displayName: 'Claude Opus 5.5',
    line: 'opus',
    prices: prices('4', '5', '8', '0.20', '20'),
    fast: { input: '8', output: '40' },
    geoSurcharge: true,
    minCacheableTokens: 512,
    ...million,
  },
  'claude-fable-5-1': {
    displayName: 'Claude Fable 5.1',
    line: 'fable',
    prices: prices('10', '12.50', '20', '0.25', '50'),
    geoSurcharge: true,
    minCacheableTokens: 512,
    ...million,
  },
  'claude-mythos-5-1': {
    displayName: 'Claude Mythos 5.1',
    line: 'mythos',
    prices: prices('10', '12.50', '20', '0.25', '50'),
    geoSurcharge: true,
    minCacheableTokens: 512,
    ...million,
  },
  'claude-sonnet-5': {
    displayName: 'Claude Sonnet 5',
    line: 'sonnet',
    prices: prices('2', '2.50', '4', '0.20', '10'),
    geoSurcharge: true,
    minCacheableTokens: 1024,
    ...million,
  },
  'claude-opus-5': {
    displayName: 'Claude Opus 5',
    line: 'opus',
    prices: prices('5', '6.25', '10', '0.50', '25'),
    fast: { input: '10', output: '50' },
    geoSurcharge: true,
    minCacheableTokens: 512,
    ...million,
  },
  'claude-fable-5': {
    displayName: 'Claude Fable 5',
    line: 'fable',
    prices: prices('10', '12.50', '20', '1.00', '50'),
    geoSurcharge: true,
    minCacheableTokens: 512,
    ...million,
  },
  'claude-mythos-5': {
    displayName: 'Claude Mythos 5',
    line: 'mythos',
    prices: prices('10', '12.50', '20', '1.00', '50'),
    geoSurcharge: true,
    minCacheableTokens: 512,
    ...million,
  },
  'claude-opus-4-8': {
    displayName: 'Claude Opus 4.8',
    line: 'opus',
    prices: prices('5', '6.25', '10', '0.50', '25'),
    fast: { input: '10', output: '50' },
    geoSurcharge: true,
    minCacheableTokens: 1024,
    ...million,
  },
  'claude-opus-4-7': {
    displayName: 'Claude Opus 4.7',
    line: 'opus',
    prices: prices('5', '6.25', '10', '0.50', '25'),
    geoSurcharge: true,
    minCacheableTokens: 2048,
    ...million,
  },
  'claude-opus-4-6': {
    displayName: 'Claude Opus 4.6',
    line: 'opus',
    prices: prices('5', '6.25', '10', '0.50', '25'),
    geoSurcharge: true,
    minCacheableTokens: 4096,
    ...million,
  },
  'claude-sonnet-4-6': {
    displayName: 'Claude Sonnet 4.6',
    line: 'sonnet',
    prices: prices('3', '3.75', '6', '0.30', '15'),
    geoSurcharge: true,
    minCacheableTokens: 1024,
    ...million,
  },
  'claude-opus-4-5': {
    displayName: 'Claude Opus 4.5',
    line: 'opus',
    prices: prices('5', '6.25', '10', '0.50', '25'),
    minCacheableTokens: 4096,
    aliases: ['claude-opus-4-5-20251101'],
    ...legacy,
  },
  'claude-sonnet-4-5': {
    displayName: 'Claude Sonnet 4.5',
    line: 'sonnet',
    prices: prices('3', '3.75', '6', '0.30', '15'),
    minCacheableTokens: 1024,
    retiresOn: '2026-11-30',
    aliases: ['claude-sonnet-4-5-20250929'],
    ...legacy,
  },
  'claude-haiku-4-5': {
    displayName: 'Claude Haiku 4.5',
    line: 'haiku',
    prices: prices('1', '1.25', '2', '0.10', '5'),
    minCacheableTokens: 4096,
    aliases: ['claude-haiku-4-5-20251001'],
    ...legacy,
  },
  'claude-opus-4-1': {
    displayName: 'Claude Opus 4.1',
    line: 'opus',
    availability: 'cloud-only',
    prices: prices('15', '18.75', '30', '1.50', '75'),
    minCacheableTokens: 1024,
    contextWindow: 200_000,
    maxOutputTokens: 32_000,
    aliases: ['claude-opus-4-1-20250805'],
  },
  'claude-opus-4': {
    displayName: 'Claude Opus 4',
    line: 'opus',
    availability: 'cloud-only',
    prices: prices('15', '18.75', '30', '1.50', '75'),
    minCacheableTokens: 1024,
    contextWindow: 200_000,
    maxOutputTokens: 32_000,
    aliases: ['claude-opus-4-0', 'claude-opus-4-20250514'],
  },
  'claude-sonnet-4': {
    displayName: 'Claude Sonnet 4',
    line: 'sonnet',
    availability: 'cloud-only',
    prices: prices('3', '3.75', '6', '0.30', '15'),
    minCacheableTokens: 1024,
    aliases: ['claude-sonnet-4-0', 'claude-sonnet-4-20250514'],
    ...legacy,
  },
  'claude-haiku-3-5': {
    displayName: 'Claude Haiku 3.5',
    line: 'haiku',
    availability: 'cloud-only',
    prices: prices('0.80', '1', '1.60', '0.08', '4'),
    minCacheableTokens: 2048,
    contextWindow: 200_000,
    maxOutputTokens: 8192,
    aliases: ['claude-3-5-haiku-20241022', 'claude-3-5-haiku-latest'],
  },
};
