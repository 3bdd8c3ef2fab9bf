import * as fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { InvalidArgumentError } from '../errors/invalid-argument-error';
import { formatUsd } from './format-usd';
import { assertNanodollars, parseUsd, usdToNanodollars } from './nanodollars';

describe('parseUsd', () => {
  it.each([
    ['$0.019545', 19_545_000],
    ['0.019545', 19_545_000],
    ['1.5', 1_500_000_000],
    ['-2', -2_000_000_000],
    ['0.000000001', 1],
    ['0.0000000010', 1],
    [' 3 ', 3_000_000_000],
  ])('parses %j exactly', (text, expected) => {
    expect(parseUsd(text)).toBe(expected);
  });

  it('refuses precision below one nano-dollar, naming the option and value', () => {
    expect(() => parseUsd('0.0000000015', 'budget.usd')).toThrow(InvalidArgumentError);
    expect(() => parseUsd('0.0000000015', 'budget.usd')).toThrow(/budget\.usd.*"0\.0000000015"/);
  });

  it.each(['abc', '', '1.', '.5', '1e3', '$-1', '1,000'])('refuses %j', (text) => {
    expect(() => parseUsd(text)).toThrow(InvalidArgumentError);
  });

  it('refuses amounts past a safe integer of nano-dollars', () => {
    expect(() => parseUsd('10000000')).toThrow(/too large/);
    expect(parseUsd('9000000')).toBe(9_000_000_000_000_000);
  });
});

describe('usdToNanodollars', () => {
  it('rounds numbers to the nearest nano-dollar without float drift', () => {
    expect(usdToNanodollars(0.1)).toBe(100_000_000);
    expect(usdToNanodollars(0.1 + 0.2)).toBe(300_000_000);
    expect(usdToNanodollars(0.019545)).toBe(19_545_000);
  });

  it.each([Number.NaN, Number.POSITIVE_INFINITY])('refuses %s, naming the option', (value) => {
    expect(() => usdToNanodollars(value, 'limit')).toThrow(/Invalid limit/);
  });

  it('takes strings exactly', () => {
    expect(usdToNanodollars('0.123456789')).toBe(123_456_789);
  });
});

describe('assertNanodollars', () => {
  it('accepts safe integers and refuses fractions', () => {
    expect(() => {
      assertNanodollars(5, 'x');
    }).not.toThrow();
    expect(() => {
      assertNanodollars(0.5, 'spent');
    }).toThrow(/Invalid spent.*0\.5/);
  });
});

describe('formatUsd', () => {
  it.each([
    [19_545_000, '$0.019545'],
    [1_500_000_000, '$1.50'],
    [0, '$0.00'],
    [1, '$0.000000001'],
    [-500_000_000, '-$0.50'],
    [12_000_000_000, '$12.00'],
  ])('formats %d as %s', (nanodollars, expected) => {
    expect(formatUsd(nanodollars)).toBe(expected);
  });

  it('rounds half away from zero when decimals are capped', () => {
    expect(formatUsd(1_234_567, { maxDecimals: 4 })).toBe('$0.0012');
    expect(formatUsd(5_000_000, { maxDecimals: 2 })).toBe('$0.01');
    expect(formatUsd(4_999_999, { maxDecimals: 2 })).toBe('$0.00');
    expect(formatUsd(-5_000_000, { maxDecimals: 2 })).toBe('-$0.01');
    expect(formatUsd(-1, { maxDecimals: 2 })).toBe('$0.00');
  });

  it('refuses a fractional amount and bad decimals, naming them', () => {
    expect(() => formatUsd(1.5)).toThrow(/Invalid nanodollars/);
    expect(() => formatUsd(1, { maxDecimals: 10 })).toThrow(/Invalid maxDecimals/);
    expect(() => formatUsd(1, { minDecimals: 5, maxDecimals: 3 })).toThrow(/Invalid minDecimals/);
  });

  it('round-trips through parseUsd for every safe integer', () => {
    fc.assert(
      fc.property(fc.maxSafeInteger(), (nanodollars) => {
        expect(parseUsd(formatUsd(nanodollars))).toBe(nanodollars);
      }),
    );
  });
});
