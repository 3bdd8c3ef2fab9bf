import { describe, expect, it } from 'vitest';
import {
  governorOverheadSchema,
  renderGovernorOverheadSection,
  type GovernorOverheadResults,
} from './governor-overhead-section';
import { flat, testRun } from './run-info.test-helper';

function shape(
  name: string,
  microseconds: number,
  extra: { openAtOnce?: number; budgetsBooked?: number } = {},
) {
  return {
    shape: name,
    openAtOnce: extra.openAtOnce ?? 1,
    budgetsBooked: extra.budgetsBooked ?? 1,
    pairsPerSecond: 1e6 / microseconds,
    microsecondsPerPair: microseconds,
    samplesMicrosecondsPerPair: [microseconds - 0.05, microseconds, microseconds + 0.05],
    costCallsPerPair: microseconds / 0.7,
  };
}

function results(top: number, allowance: number, fanOut: number): GovernorOverheadResults {
  return governorOverheadSchema.parse({
    ...testRun,
    settings: { pairsPerSample: 1000, samples: 5, warmupSamples: 2, targetMicrosecondsPerPair: 5 },
    call: {
      model: 'claude-sonnet-4-6',
      inputTokensBound: 8000,
      maxTokens: 1024,
      cacheWrites: '5m',
    },
    usage: { input: 200, cacheWrite5m: 1500, cacheWrite1h: 0, cacheRead: 6000, output: 400 },
    usageCostNanodollars: 14_025_000,
    boundNanodollars: 45_360_000,
    pricingsPerPair: 2,
    pricingMicrosecondsPerPair: 1.4,
    cost: { callsPerSecond: 1.4e6, microsecondsPerCall: 0.7 },
    shapes: [
      shape('top-level', top),
      shape('allowance-depth-2', allowance, { budgetsBooked: 3 }),
      shape('fan-out', fanOut, { openAtOnce: 64 }),
    ],
  });
}

const render = (input: GovernorOverheadResults): string =>
  flat(renderGovernorOverheadSection(input));

describe('renderGovernorOverheadSection', () => {
  it('says the target is met in every shape when every pair is under it', () => {
    const text = render(results(2.2, 2.3, 2.2));
    expect(text).toContain('is met in every shape');
    expect(text).not.toContain('not met');
    expect(text).toContain('| allowance, 2 levels deep | 1 | 3 |');
  });

  it('says which shapes miss the target when some do', () => {
    const text = render(results(4.5, 5.5, 4.6));
    expect(text).toContain('is met in 2 of 3 shapes; not in allowance, 2 levels deep (5.50 µs)');
  });

  it('says the target is not met when no shape meets it', () => {
    expect(render(results(6, 7, 6))).toContain('is not met in any shape');
  });

  it('calls a difference within the noise nothing measurable, and a larger one by its size', () => {
    const text = render(results(2.2, 2.5, 2.21));
    expect(text).toContain('holding 64 reservations open adds nothing measurable');
    expect(text).toContain('(allowance, 2 levels deep) adds about 0.30 µs a pair');
  });

  it('counts the pricings a pair makes from the results', () => {
    expect(render(results(2, 2, 2))).toContain('A pair prices twice');
    const three = { ...results(2, 2, 2), pricingsPerPair: 3 };
    expect(render(three)).toContain(
      'A pair prices 3 times (the benchmark counts the price-table lookups): `reserve` prices the bound twice',
    );
  });
});
