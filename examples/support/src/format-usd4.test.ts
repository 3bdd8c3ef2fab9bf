import { describe, expect, it } from 'vitest';
import { formatUsd4 } from './format-usd4';

describe('formatUsd4', () => {
  it('always shows four decimals', () => {
    expect(formatUsd4(0)).toBe('$0.0000');
    expect(formatUsd4(132_400_000)).toBe('$0.1324');
    expect(formatUsd4(2_000_000_000)).toBe('$2.0000');
  });
});
