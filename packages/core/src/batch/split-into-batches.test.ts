import { describe, expect, it } from 'vitest';
import { InvalidArgumentError } from '../errors/invalid-argument-error';
import { defaultBatchLimits, resolveBatchLimits } from './batch-limits';
import { splitIntoBatches } from './split-into-batches';

const sizes = (batches: readonly (readonly number[])[]) => batches.map((batch) => batch.length);

describe('splitIntoBatches', () => {
  it('splits at 100,000 requests by default', () => {
    const entries = Array.from({ length: 250_001 }, () => 10);
    const { batches, tooLarge } = splitIntoBatches(entries, (size) => size, defaultBatchLimits);
    expect(sizes(batches)).toEqual([100_000, 100_000, 50_001]);
    expect(tooLarge).toEqual([]);
  });

  it('splits before an entry that would pass 256 MB, keeping order', () => {
    const mb = 1_000_000;
    const entries = [100 * mb, 100 * mb, 56 * mb, 1, 200 * mb, 60 * mb];
    const { batches } = splitIntoBatches(entries, (size) => size, defaultBatchLimits);
    expect(batches).toEqual([[100 * mb, 100 * mb, 56 * mb], [1, 200 * mb], [60 * mb]]);
    for (const batch of batches) {
      expect(batch.reduce((sum, size) => sum + size, 0)).toBeLessThanOrEqual(256 * mb);
    }
  });

  it('sets aside an entry larger than a batch may be', () => {
    const { batches, tooLarge } = splitIntoBatches([5, 11, 5], (size) => size, {
      maxRequests: 10,
      maxBytes: 10,
    });
    expect(batches).toEqual([[5, 5]]);
    expect(tooLarge).toEqual([11]);
  });

  it('returns no batch for no entries', () => {
    expect(splitIntoBatches([], () => 1, defaultBatchLimits).batches).toEqual([]);
  });
});

describe('resolveBatchLimits', () => {
  it("lowers the provider's limits, never raises them", () => {
    const provider = { maxRequests: 100_000, maxBytes: 256_000_000 };
    expect(resolveBatchLimits(provider, { maxRequests: 10 })).toEqual({
      maxRequests: 10,
      maxBytes: 256_000_000,
    });
    expect(resolveBatchLimits(provider, { maxRequests: 500_000 }).maxRequests).toBe(100_000);
    expect(resolveBatchLimits(undefined, undefined)).toEqual(defaultBatchLimits);
  });

  it('throws InvalidArgumentError naming the limit', () => {
    expect(() => resolveBatchLimits(undefined, { maxBytes: 0 })).toThrow(
      expect.objectContaining({ argument: 'limits.maxBytes', value: 0 }),
    );
    expect(() => resolveBatchLimits(undefined, { maxRequests: 2.5 })).toThrow(InvalidArgumentError);
  });
});
