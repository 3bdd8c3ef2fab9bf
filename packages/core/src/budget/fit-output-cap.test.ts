import { describe, expect, it } from 'vitest';
import { createBudget } from './budget';
import type { CallEnvelope } from './call-bound';
import { fitOutputCap } from './fit-output-cap';

// claude-sonnet-4-6, no cache writes: 5,000 prompt tokens at $3 = $0.015, output $15 a million.
const call: CallEnvelope = {
  model: 'claude-sonnet-4-6',
  inputTokensBound: 5_000,
  maxTokens: 1_024,
  cacheWrites: 'none',
};

describe('fitOutputCap', () => {
  it('finds the largest cap the budget holds now, and holds nothing', () => {
    // $0.02 - $0.015 = $0.005 = 333.3 output tokens.
    const budget = createBudget({ usd: '0.02' });
    expect(fitOutputCap(budget, call, 256)).toBe(333);
    expect(fitOutputCap(budget, call, 333)).toBe(333);
    expect(budget.reserved.usd).toBe(0);
    // 334 would pass the limit by a fraction of a nano-dollar.
    expect(budget.tryReserve({ ...call, maxTokens: 334 }).ok).toBe(false);
    expect(budget.tryReserve({ ...call, maxTokens: 333 }).ok).toBe(true);
  });

  it('answers undefined when not even the floor fits, and the full cap when it fits', () => {
    const budget = createBudget({ usd: '0.02' });
    expect(fitOutputCap(budget, call, 334)).toBeUndefined();
    expect(fitOutputCap(budget, call, 2_000)).toBeUndefined();
    expect(fitOutputCap(createBudget({ usd: '1' }), call, 1)).toBe(1_024);
  });

  it('counts what other reservations hold, and token limits too', () => {
    const budget = createBudget({ usd: '1', tokens: 5_500 });
    expect(fitOutputCap(budget, call, 100)).toBe(500);
    const shared = createBudget({ usd: '0.05' });
    shared.reserve({ ...call, maxTokens: 1_000 }); // $0.03 held
    expect(fitOutputCap(shared, call, 1)).toBe(333);
  });
});
