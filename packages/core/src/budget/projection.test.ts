import { describe, expect, it } from 'vitest';
import { defaultPriceTable } from '../pricing/price-table';
import { cost } from '../pricing/price-call';
import { createUsage } from '../usage/usage';
import { forecastStep } from './projection';

describe('forecastStep', () => {
  const priceTable = defaultPriceTable;
  const model = 'claude-sonnet-4-6';
  const minimum = priceTable.resolve(model).minCacheableTokens;

  it('pays plain input for turns under the minimum cacheable length, then caches from the first long one', () => {
    // Turns of minimum-724, minimum-324, minimum+76, minimum+476 tokens.
    const context = minimum - 724;
    const step = {
      id: 'a',
      model,
      turns: 4,
      contextTokens: context,
      growthPerTurn: 400,
      outputPerTurn: 50,
      maxTokens: 100,
    };
    const forecast = forecastStep(step, { priceTable });
    const expected = createUsage({
      input: context + (context + 400),
      cacheWrite5m: context + 800 + 400,
      cacheRead: context + 800,
      output: 200,
    });
    expect(forecast.usage).toEqual(expected);
    expect(forecast.cost).toBe(
      cost(createUsage({ input: expected.input, output: 100 }), model) +
        cost(
          createUsage({
            cacheWrite5m: expected.cacheWrite5m,
            cacheRead: expected.cacheRead,
            output: 100,
          }),
          model,
        ),
    );
  });

  it('never caches a step whose prompts all stay short', () => {
    const forecast = forecastStep(
      {
        id: 'b',
        model,
        turns: 3,
        contextTokens: 100,
        growthPerTurn: 0,
        outputPerTurn: 10,
        maxTokens: 10,
      },
      { priceTable, sharedPrefixCached: true },
    );
    expect(forecast.usage).toEqual(createUsage({ input: 300, output: 30 }));
  });

  it('reads a long prompt from cache turn to turn', () => {
    const forecast = forecastStep(
      {
        id: 'c',
        model,
        turns: 3,
        contextTokens: 2000,
        growthPerTurn: 500,
        outputPerTurn: 100,
        maxTokens: 500,
      },
      { priceTable },
    );
    expect(forecast.usage).toEqual(
      createUsage({ cacheWrite5m: 3000, cacheRead: 4500, output: 300 }),
    );
  });
});
