import { describe, expect, it } from 'vitest';
import { createUsage } from '../usage/usage';
import { cost } from './price-call';
import { createPriceTable, defaultPriceTable } from './price-table';

const million = 1_000_000;

describe('defaultPriceTable', () => {
  it('carries its date and sources', () => {
    expect(defaultPriceTable.asOf).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(defaultPriceTable.sources.length).toBeGreaterThan(0);
  });

  it('carries the model facts the simulator and governor need', () => {
    const sonnet = defaultPriceTable.resolve('claude-sonnet-4-5');
    expect(sonnet).toMatchObject({
      line: 'sonnet',
      contextWindow: 200_000,
      maxOutputTokens: 64_000,
      minCacheableTokens: 1024,
      retiresOn: '2026-11-30',
    });
    expect(defaultPriceTable.resolve('claude-opus-4-6')).toMatchObject({
      contextWindow: 1_000_000,
      maxOutputTokens: 128_000,
      minCacheableTokens: 4096,
    });
    expect(defaultPriceTable.resolve('claude-haiku-3-5').availability).toBe('cloud-only');
  });

  it('shows prices as exact decimal strings', () => {
    expect(defaultPriceTable.resolve('claude-haiku-5-5').prices).toEqual({
      input: '0.1',
      cacheWrite5m: '0.125',
      cacheWrite1h: '0.2',
      cacheRead: '0.01',
      output: '0.5',
    });
  });
});

describe('createPriceTable', () => {
  it('changes one class of a known model and keeps the rest', () => {
    const table = createPriceTable({
      models: { 'claude-sonnet-4-5': { prices: { cacheRead: '0.25' } } },
    });
    expect(
      cost(createUsage({ cacheRead: million }), 'claude-sonnet-4-5', { priceTable: table }),
    ).toBe(250_000_000);
    expect(
      cost(createUsage({ input: 5730, output: 157 }), 'claude-sonnet-4-5', { priceTable: table }),
    ).toBe(19_545_000);
    // The default table is untouched.
    expect(cost(createUsage({ cacheRead: million }), 'claude-sonnet-4-5')).toBe(300_000_000);
  });

  it('adds a model, deriving cache prices from input by the default multipliers', () => {
    const table = createPriceTable({
      models: { 'my-model': { prices: { input: 4, output: '20' } } },
    });
    const priceOf = (tokenClass: string) =>
      cost(createUsage({ [tokenClass]: million }), 'my-model', { priceTable: table });
    expect(priceOf('input')).toBe(4e9);
    expect(priceOf('cacheWrite5m')).toBe(5e9);
    expect(priceOf('cacheWrite1h')).toBe(8e9);
    expect(priceOf('cacheRead')).toBe(0.4e9);
    expect(priceOf('output')).toBe(20e9);
    expect(table.resolve('my-model')).toMatchObject({
      contextWindow: 200_000,
      minCacheableTokens: 1024,
    });
  });

  it('adds aliases and resolves them', () => {
    const table = createPriceTable({ aliases: { smart: 'claude-opus-4-8' } });
    expect(table.resolve('smart').id).toBe('claude-opus-4-8');
    expect(() => createPriceTable({ aliases: { dumb: 'claude-none' } })).toThrow(
      /aliases\["dumb"\].*"claude-none"/,
    );
  });

  it('starts empty from base: null', () => {
    const table = createPriceTable({
      base: null,
      models: { only: { prices: { input: '1', output: '2' } } },
    });
    expect(table.models.map((model) => model.id)).toEqual(['only']);
    expect(() => table.resolve('claude-sonnet-4-5')).toThrow(/known models: only/);
  });

  it('takes a different batch multiplier', () => {
    const table = createPriceTable({ multipliers: { batch: '0.4' } });
    expect(
      cost(createUsage({ input: million }), 'claude-sonnet-4-5', {
        lane: 'batch',
        priceTable: table,
      }),
    ).toBe(1.2e9);
  });

  it('refuses bad prices, naming the model and field', () => {
    expect(() => createPriceTable({ models: { x: { prices: { input: '1' } } } })).toThrow(
      /models\["x"\]\.prices.*input and output/,
    );
    expect(() =>
      createPriceTable({ models: { x: { prices: { input: 'abc', output: '1' } } } }),
    ).toThrow(/models\["x"\]\.prices\.input.*"abc"/);
    expect(() =>
      createPriceTable({ models: { x: { prices: { input: -1, output: '1' } } } }),
    ).toThrow(/models\["x"\]\.prices\.input.*-1/);
    expect(() =>
      createPriceTable({
        models: { x: { prices: { input: '1', output: '1' }, contextWindow: 0 } },
      }),
    ).toThrow(/models\["x"\]\.contextWindow/);
    expect(() => createPriceTable({ multipliers: { batch: 'half' } })).toThrow(
      /multipliers\.batch.*"half"/,
    );
  });
});
