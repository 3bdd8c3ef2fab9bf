import { describe, expect, it } from 'vitest';
import { checkUsdFlag } from './check-usd-flag';

describe('checkUsdFlag', () => {
  it('returns a plain decimal of up to nine places unchanged', () => {
    expect(checkUsdFlag('--total', '0.50')).toBe('0.50');
    expect(checkUsdFlag('--total', '2')).toBe('2');
    expect(checkUsdFlag('--budget', '0.000000001')).toBe('0.000000001');
  });

  it('names the flag and the value of anything else', () => {
    expect(() => checkUsdFlag('--budget', '$1')).toThrow(
      '--budget must be dollars as a decimal, like 0.50; got $1',
    );
    for (const bad of ['', '-1', '1.', '.5', '0.0000000001', '1e3'])
      expect(() => checkUsdFlag('--total', bad)).toThrow(/--total/);
  });
});
