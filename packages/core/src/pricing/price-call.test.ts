import * as fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { InvalidArgumentError } from '../errors/invalid-argument-error';
import { UnknownModelError } from '../errors/unknown-model-error';
import { createUsage, tokenClasses, type TokenClass, type Usage } from '../usage/usage';
import { cost, priceCall } from './price-call';
import { defaultPriceTable } from './price-table';

// The price list of API-FACTS.md, typed in again by hand (USD per million
// tokens: input, 5m write, 1h write, cache hit, output) so that a slip in the
// data module fails here.
const expectedPrices: Record<string, [number, number, number, number, number]> = {
  'claude-fable-5-2': [8, 10, 16, 0.2, 40],
  'claude-mythos-5-2': [8, 10, 16, 0.2, 40],
  'claude-haiku-5-5': [0.1, 0.125, 0.2, 0.01, 0.5],
  'claude-sonnet-5-5': [2, 2.5, 4, 0.1, 10],
  'claude-opus-5-5': [4, 5, 8, 0.2, 20],
  'claude-fable-5-1': [10, 12.5, 20, 0.25, 50],
  'claude-mythos-5-1': [10, 12.5, 20, 0.25, 50],
  'claude-sonnet-5': [2, 2.5, 4, 0.2, 10],
  'claude-opus-5': [5, 6.25, 10, 0.5, 25],
  'claude-fable-5': [10, 12.5, 20, 1, 50],
  'claude-mythos-5': [10, 12.5, 20, 1, 50],
  'claude-opus-4-8': [5, 6.25, 10, 0.5, 25],
  'claude-opus-4-7': [5, 6.25, 10, 0.5, 25],
  'claude-opus-4-6': [5, 6.25, 10, 0.5, 25],
  'claude-opus-4-5': [5, 6.25, 10, 0.5, 25],
  'claude-sonnet-4-6': [3, 3.75, 6, 0.3, 15],
  'claude-sonnet-4-5': [3, 3.75, 6, 0.3, 15],
  'claude-haiku-4-5': [1, 1.25, 2, 0.1, 5],
  'claude-opus-4-1': [15, 18.75, 30, 1.5, 75],
  'claude-opus-4': [15, 18.75, 30, 1.5, 75],
  'claude-sonnet-4': [3, 3.75, 6, 0.3, 15],
  'claude-haiku-3-5': [0.8, 1, 1.6, 0.08, 4],
};
const geoSurchargeModels = new Set([
  'claude-fable-5-2',
  'claude-mythos-5-2',
  'claude-haiku-5-5',
  'claude-sonnet-5-5',
  'claude-opus-5-5',
  'claude-fable-5-1',
  'claude-mythos-5-1',
  'claude-sonnet-5',
  'claude-opus-5',
  'claude-fable-5',
  'claude-mythos-5',
  'claude-opus-4-8',
  'claude-opus-4-7',
  'claude-opus-4-6',
  'claude-sonnet-4-6',
]);

const million = 1_000_000;
function only(tokenClass: TokenClass, tokens: number): Usage {
  return createUsage({ [tokenClass]: tokens });
}

describe('cost: the real billing record', () => {
  it('bills claude-sonnet-4-5, 5,730 input and 157 output tokens, at exactly $0.019545', () => {
    expect(cost(createUsage({ input: 5730, output: 157 }), 'claude-sonnet-4-5')).toBe(19_545_000);
  });
});

describe('cost: every class of every model', () => {
  const cases = Object.entries(expectedPrices).flatMap(([model, row]) =>
    tokenClasses.map((tokenClass, index) => [model, tokenClass, row[index] ?? Number.NaN] as const),
  );

  it.each(cases)('%s %s: $%d per million tokens', (model, tokenClass, usdPerMillion) => {
    // 100,000 tokens (haiku-5-5's tier starts above that) at P USD per million
    // cost P / 10 dollars: P * 1e8 nano-dollars.
    expect(cost(only(tokenClass, 100_000), model)).toBe(Math.round(usdPerMillion * 1e8));
  });

  it('knows every model of the price list, and no model without a price', () => {
    expect(defaultPriceTable.models.map((model) => model.id).sort()).toEqual(
      Object.keys(expectedPrices).sort(),
    );
  });
});

describe('cost: lanes and multipliers', () => {
  const usage = createUsage({
    input: 1000,
    cacheWrite5m: 2000,
    cacheWrite1h: 3000,
    cacheRead: 40_000,
    output: 500,
  });

  it.each(Object.keys(expectedPrices))('%s: batch is exactly half of interactive', (model) => {
    const interactive = priceCall(usage, model);
    const batch = priceCall(usage, model, { lane: 'batch' });
    // Compare exact values: the rounded totals may differ by the one rounding.
    expect(batch.exactScaled * 2n * interactive.multiplier.denominator).toBe(
      interactive.exactScaled * batch.multiplier.denominator,
    );
    expect(batch.total).toBe(Math.ceil(interactive.total / 2));
  });

  it.each(Object.keys(expectedPrices))(
    '%s: inference_geo us costs 1.1x only on 4.6 and later',
    (model) => {
      const global = cost(only('input', million), model);
      const us = cost(only('input', million), model, { inferenceGeo: 'us' });
      expect(us).toBe(geoSurchargeModels.has(model) ? (global * 11) / 10 : global);
    },
  );

  it('stacks batch and geo: 0.55x', () => {
    expect(
      cost(only('output', million), 'claude-sonnet-4-6', { lane: 'batch', inferenceGeo: 'us' }),
    ).toBe(8_250_000_000);
  });
});

describe('cost: haiku-5-5 long-context tier', () => {
  it('bills the whole request at the standard tier up to 100k prompt tokens', () => {
    const usage = createUsage({
      input: 40_000,
      cacheWrite5m: 10_000,
      cacheRead: 50_000,
      output: 1000,
    });
    const price = priceCall(usage, 'claude-haiku-5-5');
    expect(price.tier).toBe('standard');
    // 40k * 0.10 + 10k * 0.125 + 50k * 0.01 + 1k * 0.50, per million: $0.00625
    expect(price.total).toBe(6_250_000);
  });

  it('bills every class, output too, at the high tier above 100k, counting writes and reads', () => {
    const usage = createUsage({
      input: 40_000,
      cacheWrite1h: 10_001,
      cacheRead: 50_000,
      output: 1000,
    });
    const price = priceCall(usage, 'claude-haiku-5-5');
    expect(price.tier).toBe('longContext');
    // 40k * 0.50 + 10,001 * 1.00 + 50k * 0.05 + 1k * 2.50, per million
    expect(price.total).toBe(20_000_000 + 10_001_000 + 2_500_000 + 2_500_000);
  });

  it('keeps the tier in the batch lane, halved', () => {
    const usage = createUsage({ input: 100_001 });
    expect(cost(usage, 'claude-haiku-5-5', { lane: 'batch' })).toBe(25_000_250);
  });
});

describe('cost: fast mode', () => {
  it('bills opus-5-5 at 8/40 and keeps its cache ratios', () => {
    const fast = { speed: 'fast' } as const;
    expect(cost(only('input', million), 'claude-opus-5-5', fast)).toBe(8e9);
    expect(cost(only('output', million), 'claude-opus-5-5', fast)).toBe(40e9);
    expect(cost(only('cacheWrite5m', million), 'claude-opus-5-5', fast)).toBe(10e9);
    expect(cost(only('cacheWrite1h', million), 'claude-opus-5-5', fast)).toBe(16e9);
    expect(cost(only('cacheRead', million), 'claude-opus-5-5', fast)).toBe(0.4e9);
  });

  it.each(['claude-opus-5', 'claude-opus-4-8'])('bills %s at 10/50', (model) => {
    expect(cost(createUsage({ input: million, output: million }), model, { speed: 'fast' })).toBe(
      60e9,
    );
  });

  it('refuses fast mode in the batch lane and on models without it', () => {
    expect(() =>
      cost(only('input', 1), 'claude-opus-5-5', { speed: 'fast', lane: 'batch' }),
    ).toThrow(/Invalid speed.*batch lane/);
    expect(() => cost(only('input', 1), 'claude-sonnet-4-6', { speed: 'fast' })).toThrow(
      /Invalid speed.*claude-sonnet-4-6/,
    );
  });
});

describe('cost: model ids', () => {
  it.each([
    ['claude-sonnet-4-5-20250929', 'claude-sonnet-4-5'],
    ['claude-haiku-4-5-20251001', 'claude-haiku-4-5'],
    ['claude-opus-4-5-20251101', 'claude-opus-4-5'],
    ['claude-3-5-haiku-latest', 'claude-haiku-3-5'],
    ['claude-opus-5-5-20261101', 'claude-opus-5-5'],
  ])('resolves %s to %s', (alias, canonical) => {
    expect(priceCall(only('input', 1), alias).model).toBe(canonical);
    expect(cost(only('output', million), alias)).toBe(cost(only('output', million), canonical));
  });

  it('refuses an unknown model, naming it and listing the known ones', () => {
    let caught: unknown;
    try {
      cost(only('input', 1), 'claude-sonnet-9');
    } catch (error) {
      caught = error;
    }
    expect(UnknownModelError.isInstance(caught)).toBe(true);
    expect(InvalidArgumentError.isInstance(caught)).toBe(true);
    const error = caught as UnknownModelError;
    expect(error.message).toContain('"claude-sonnet-9"');
    expect(error.message).toContain('claude-sonnet-4-5');
    expect(error.knownModels).toHaveLength(Object.keys(expectedPrices).length);
  });
});

describe('cost: the rounding rule', () => {
  it('rounds up once per call, not per class', () => {
    // haiku-5-5, batch and US: cache hit 0.01 * 0.55 = 5.5 nano-dollars a token,
    // 5m write 0.125 * 0.55 = 68.75. One hit and two writes: 143 exactly;
    // rounding each class up first would give 6 + 138 = 144.
    const usage = createUsage({ cacheRead: 1, cacheWrite5m: 2 });
    const price = priceCall(usage, 'claude-haiku-5-5', { lane: 'batch', inferenceGeo: 'us' });
    expect(price.total).toBe(143);
    expect(price.byClass.cacheRead + price.byClass.cacheWrite5m).toBe(143);
  });

  it('rounds a fraction of a nano-dollar up, never down', () => {
    expect(cost(only('cacheRead', 1), 'claude-haiku-5-5', { lane: 'batch' })).toBe(5);
    expect(
      cost(only('cacheRead', 1), 'claude-haiku-5-5', { lane: 'batch', inferenceGeo: 'us' }),
    ).toBe(6);
  });

  it('costs nothing for no tokens', () => {
    expect(cost(createUsage(), 'claude-opus-4-8')).toBe(0);
  });
});

describe('cost: bad input', () => {
  it.each([
    [{ lane: 'express' }, /Invalid lane.*"express"/],
    [{ speed: 'turbo' }, /Invalid speed.*"turbo"/],
    [{ inferenceGeo: 'eu' }, /Invalid inferenceGeo.*"eu"/],
  ])('refuses options %j', (options, message) => {
    expect(() => cost(only('input', 1), 'claude-sonnet-4-5', options as never)).toThrow(message);
  });

  it.each([
    [{ input: -1 }, /usage\.input.*-1/],
    [{ output: 2.5 }, /usage\.output.*2\.5/],
    [{ cacheRead: Number.NaN }, /usage\.cacheRead.*NaN/],
  ])('refuses usage %j', (partial, message) => {
    const usage = {
      input: 0,
      cacheWrite5m: 0,
      cacheWrite1h: 0,
      cacheRead: 0,
      output: 0,
      ...partial,
    };
    expect(() => cost(usage, 'claude-sonnet-4-5')).toThrow(message);
  });

  it('refuses a model that is not a string', () => {
    expect(() => cost(only('input', 1), 42 as never)).toThrow(/Invalid model.*42/);
  });
});

describe('cost: properties', () => {
  const modelIds = Object.keys(expectedPrices);
  const tokens = fc.integer({ min: 0, max: 2_000_000 });
  const usageArbitrary = fc.record({
    input: tokens,
    cacheWrite5m: tokens,
    cacheWrite1h: tokens,
    cacheRead: tokens,
    output: tokens,
  });
  const optionsArbitrary = fc.record({
    lane: fc.constantFrom('interactive' as const, 'batch' as const),
    inferenceGeo: fc.constantFrom('global' as const, 'us' as const),
  });

  it('is monotone in every token class (the haiku-5-5 tier included)', () => {
    fc.assert(
      fc.property(
        usageArbitrary,
        fc.constantFrom(...modelIds),
        optionsArbitrary,
        fc.constantFrom(...tokenClasses),
        fc.integer({ min: 0, max: 500_000 }),
        (usage, model, options, tokenClass, extra) => {
          const more = { ...usage, [tokenClass]: usage[tokenClass] + extra };
          expect(cost(more, model, options)).toBeGreaterThanOrEqual(cost(usage, model, options));
        },
      ),
      { numRuns: 2000 },
    );
  });

  it('splits the total over classes exactly, and each class within a nano-dollar of exact', () => {
    fc.assert(
      fc.property(
        usageArbitrary,
        fc.constantFrom(...modelIds),
        optionsArbitrary,
        (usage, model, options) => {
          const price = priceCall(usage, model, options);
          const parts = tokenClasses.map((tokenClass) => price.byClass[tokenClass]);
          expect(parts.reduce((sum, part) => sum + part, 0)).toBe(price.total);
          const divisor = price.multiplier.denominator * 1_000_000n;
          const exact = price.exactScaled;
          expect(BigInt(price.total) * divisor >= exact).toBe(true);
          expect(BigInt(price.total) * divisor - exact < divisor).toBe(true);
        },
      ),
      { numRuns: 1000 },
    );
  });
});
