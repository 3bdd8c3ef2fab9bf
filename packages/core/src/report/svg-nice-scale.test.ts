import { describe, expect, it } from 'vitest';
import { niceScale } from './svg-nice-scale';

describe('niceScale', () => {
  it('covers the value with round whole-number ticks', () => {
    expect(niceScale(864_000_000, 1).ticks).toEqual([
      0, 200_000_000, 400_000_000, 600_000_000, 800_000_000, 1_000_000_000,
    ]);
    expect(niceScale(38_200, 1, 8)).toEqual({
      max: 40_000,
      step: 5_000,
      ticks: [0, 5_000, 10_000, 15_000, 20_000, 25_000, 30_000, 35_000, 40_000],
    });
  });

  it('uses the fallback for zero, negative or non-finite values', () => {
    expect(niceScale(0, 10_000_000).max).toBe(10_000_000);
    expect(niceScale(-5, 1_000).max).toBe(1_000);
    expect(niceScale(Number.NaN, 1_000).max).toBe(1_000);
  });

  it('never steps by less than one unit', () => {
    expect(niceScale(3, 1)).toEqual({ max: 3, step: 1, ticks: [0, 1, 2, 3] });
  });

  it('gives whole ticks for any value', () => {
    for (const value of [1, 7, 99, 1_001, 123_456_789, 9_007_199_254_740]) {
      const scale = niceScale(value, 1);
      expect(scale.max).toBeGreaterThanOrEqual(value);
      expect(scale.ticks.every((tick) => Number.isSafeInteger(tick))).toBe(true);
      expect(scale.ticks.length).toBeLessThanOrEqual(11);
    }
  });
});
