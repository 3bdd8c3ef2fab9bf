import { describe, expect, it } from 'vitest';
import { InvalidArgumentError } from '../errors/invalid-argument-error';
import { chooseLane } from './choose-lane';

const hour = 3_600_000;
const base = { now: 1_000, expectedBatchMs: hour, interactiveLatencyMs: 60_000 };

describe('chooseLane', () => {
  it("chooses the batch lane under 'auto' when the deadline holds the batch plus one interactive call", () => {
    expect(chooseLane({ ...base, lane: 'auto', deadline: 1_000 + hour + 60_000 }).lane).toBe(
      'batch',
    );
    expect(chooseLane({ ...base, lane: 'auto', deadline: 1_000 + hour + 59_999 }).lane).toBe(
      'interactive',
    );
    expect(chooseLane({ ...base, lane: 'auto', deadline: undefined })).toEqual({
      lane: 'batch',
      reason: 'no deadline',
    });
    // A deadline already past keeps the work interactive.
    expect(chooseLane({ ...base, lane: 'auto', deadline: 0 }).lane).toBe('interactive');
  });

  it('takes an explicit lane as asked, whatever the deadline', () => {
    expect(chooseLane({ ...base, lane: 'batch', deadline: 2_000 }).lane).toBe('batch');
    expect(chooseLane({ ...base, lane: 'interactive', deadline: undefined }).lane).toBe(
      'interactive',
    );
  });

  it('says why, with the numbers', () => {
    expect(chooseLane({ ...base, lane: 'auto', deadline: 601_000 }).reason).toBe(
      "600000 ms left is less than the batch's expected 3600000 ms plus one interactive call (60000 ms)",
    );
  });

  it('throws InvalidArgumentError naming the bad input', () => {
    const cases: [Parameters<typeof chooseLane>[0], string][] = [
      [{ ...base, lane: 'later' as never, deadline: undefined }, 'lane'],
      [{ ...base, lane: 'auto', deadline: undefined, expectedBatchMs: -1 }, 'expectedBatchMs'],
      [{ ...base, lane: 'auto', deadline: Number.NaN }, 'deadline'],
      [
        { ...base, lane: 'auto', deadline: undefined, interactiveLatencyMs: Infinity },
        'interactiveLatencyMs',
      ],
    ];
    for (const [input, argument] of cases) {
      expect(() => chooseLane(input)).toThrow(InvalidArgumentError);
      expect(() => chooseLane(input)).toThrow(expect.objectContaining({ argument }));
    }
  });
});
