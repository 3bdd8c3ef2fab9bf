import { describe, expect, it } from 'vitest';
import { InvalidArgumentError } from '../errors/invalid-argument-error';
import { createUsage } from '../usage/usage';
import { createBudget } from './budget';
import type { BudgetEvent } from './budget-events';
import { BudgetExceededError } from './budget-exceeded-error';
import type { CallEnvelope } from './call-bound';

// claude-sonnet-4-6: $3 input, $3.75 5m write, $6 1h write, $0.30 hit, $15 output per million.
const call: CallEnvelope = {
  model: 'claude-sonnet-4-6',
  inputTokensBound: 10_000,
  maxTokens: 1_000,
  label: 'agent-1',
};
// 10,000 at the 1h write price ($0.06) + 1,000 output ($0.015) = $0.075
const worstCase = 75_000_000;
// 2,000 input ($0.006) + 8,000 read ($0.0024) + 500 output ($0.0075) = $0.0159
const actual = createUsage({ input: 2_000, cacheRead: 8_000, output: 500 });
const actualCost = 15_900_000;

describe('Budget: reserve and settle', () => {
  it('holds the worst case at the dearest class the call can incur', () => {
    const budget = createBudget({ usd: '1' });
    expect(budget.bound(call).usd).toBe(worstCase);
    expect(budget.bound({ ...call, cacheWrites: '5m' }).usd).toBe(52_500_000);
    expect(budget.bound({ ...call, cacheWrites: 'none' }).usd).toBe(45_000_000);
    expect(budget.bound({ ...call, lane: 'batch' }).usd).toBe(worstCase / 2);
    expect(budget.bound(call).tokens).toBe(11_000);
    // Only the part up to the last 1h breakpoint can be written for an hour:
    // 2,000 at $6 + 8,000 at the 5m write's $3.75 + 1,000 output at $15 = $0.057.
    expect(budget.bound({ ...call, cacheWrite1hTokensBound: 2_000 }).usd).toBe(57_000_000);
    expect(budget.bound({ ...call, cacheWrite1hTokensBound: 0 }).usd).toBe(52_500_000);
    expect(budget.bound({ ...call, cacheWrite1hTokensBound: 99_000 }).usd).toBe(worstCase);
    expect(budget.bound({ ...call, cacheWrites: '5m', cacheWrite1hTokensBound: 2_000 }).usd).toBe(
      52_500_000,
    );
    expect(() => budget.bound({ ...call, cacheWrite1hTokensBound: -1 })).toThrow(
      /cacheWrite1hTokensBound/,
    );
    const reservation = budget.reserve(call);
    expect(budget.reserved).toEqual({ usd: worstCase, tokens: 11_000 });
    reservation.settle(actual);
    expect(budget.spent).toEqual({ usd: actualCost, tokens: 10_500 });
    expect(budget.reserved).toEqual({ usd: 0, tokens: 0 });
  });

  it('refuses what could pass a hard limit, and admits it once money is back', () => {
    const budget = createBudget({ usd: '0.10' });
    const first = budget.reserve(call);
    const refused = budget.tryReserve(call);
    expect(refused).toMatchObject({
      ok: false,
      needed: { usd: worstCase },
      available: { usd: 25_000_000 },
    });
    expect(() => budget.reserve(call)).toThrow(BudgetExceededError);
    first.settle(actual);
    // 15.9M spent + 75M held <= 100M.
    expect(budget.tryReserve(call).ok).toBe(true);
    expect(budget.spent.usd + budget.reserved.usd).toBe(actualCost + worstCase);
  });

  it('keeps the refused error useful: the snapshot and what was needed', () => {
    const budget = createBudget({ usd: '0.01', name: 'tiny' });
    try {
      budget.reserve(call);
      expect.unreachable();
    } catch (error) {
      expect(BudgetExceededError.isInstance(error)).toBe(true);
      const refused = error as BudgetExceededError;
      expect(refused.budget.name).toBe('tiny');
      expect(refused.needed.usd).toBe(worstCase);
      expect(refused.message).toContain('75000000');
    }
  });

  it('limits tokens too', () => {
    const budget = createBudget({ tokens: 20_000 });
    budget.reserve(call);
    expect(budget.tryReserve(call)).toMatchObject({
      ok: false,
      reason: 'needs 11000 tokens, 9000 available',
    });
  });

  it('releases a failed call without spending', () => {
    const budget = createBudget({ usd: '1' });
    budget.reserve(call).release();
    expect(budget.snapshot()).toMatchObject({
      spent: { usd: 0 },
      reserved: { usd: 0 },
      openReservations: 0,
    });
  });

  it('holds one reservation across retries: charges each billed attempt, renews before the next', () => {
    const budget = createBudget({ usd: '0.10' });
    const reservation = budget.reserve(call);
    // A stream cut after 200 output tokens: billed input 10,000 ($0.03) + 200 output ($0.003).
    reservation.charge(createUsage({ input: 10_000, output: 200 }));
    expect(budget.spent.usd).toBe(33_000_000);
    expect(budget.reserved.usd).toBe(worstCase - 33_000_000);
    // Another attempt needs the full worst case again: 33M + 75M > 100M.
    expect(reservation.renew()).toBe(false);
    expect(budget.reserved.usd).toBe(worstCase - 33_000_000);
    reservation.release();
    expect(budget.snapshot().openReservations).toBe(0);

    const roomy = createBudget({ usd: '1' });
    const retried = roomy.reserve(call);
    retried.charge(createUsage({ input: 10_000, output: 200 }));
    expect(retried.renew()).toBe(true);
    expect(roomy.reserved.usd).toBe(worstCase);
    retried.settle(actual);
    expect(roomy.spent.usd).toBe(33_000_000 + actualCost);
    expect(retried.spent.usd).toBe(33_000_000 + actualCost);
  });

  it('never refuses under a soft limit, and says so in events', () => {
    const events: BudgetEvent[] = [];
    const budget = createBudget({
      usd: '0.01',
      enforcement: 'soft',
      onEvent: (event) => events.push(event),
    });
    budget.reserve(call).settle(actual);
    expect(budget.spent.usd).toBeGreaterThan(budget.limit.usd ?? 0);
    expect(events.map((event) => event.type)).toEqual([
      'budget.reservation.create',
      'budget.reservation.charge',
      'budget.reservation.release',
    ]);
  });

  it('reports an overrun when a charge passes its hold (a caller whose bound was wrong)', () => {
    const events: BudgetEvent[] = [];
    const budget = createBudget({ usd: '1', onEvent: (event) => events.push(event) });
    budget.reserve({ ...call, inputTokensBound: 100, maxTokens: 10 }).settle(actual);
    const charge = events.find((event) => event.type === 'budget.reservation.charge');
    expect(charge?.type === 'budget.reservation.charge' && charge.overrun.usd).toBeGreaterThan(0);
    expect(budget.spent.usd).toBe(actualCost);
  });
});

describe('Budget: child allowances', () => {
  it('carves an allowance, books the child spend up the chain, returns the rest on close', () => {
    const events: BudgetEvent[] = [];
    const parent = createBudget({ usd: '1', onEvent: (event) => events.push(event) });
    const child = parent.allocate({ usd: '0.30', name: 'researcher' });
    expect(child.name).toBe('task/researcher');
    expect(parent.reserved.usd).toBe(300_000_000);
    const grandchild = child.allocate({ usd: '0.10', name: 'reader' });
    grandchild.reserve(call).settle(actual);
    expect(grandchild.spent.usd).toBe(actualCost);
    expect(child.spent.usd).toBe(actualCost);
    expect(parent.spent.usd).toBe(actualCost);
    // Held in the parent: its allowance less what the subtree spent.
    expect(parent.reserved.usd).toBe(300_000_000 - actualCost);
    child.close();
    expect(parent.reserved.usd).toBe(0);
    expect(parent.spent.usd).toBe(actualCost);
    expect(
      events
        .filter((event) => event.type === 'budget.allowance.close')
        .map((event) => event.budget),
    ).toEqual(['task/researcher/reader', 'task/researcher']);
  });

  it('keeps a child within its allowance', () => {
    const parent = createBudget({ usd: '1' });
    const child = parent.allocate({ usd: '0.10' });
    child.reserve(call);
    expect(child.tryReserve(call).ok).toBe(false);
    // The parent still has room: the refusal is the child's.
    expect(parent.tryReserve(call).ok).toBe(true);
  });

  it('refuses an allowance larger than what the parent has left', () => {
    const parent = createBudget({ usd: '0.20' });
    parent.reserve(call);
    expect(() => parent.allocate({ usd: '0.15' })).toThrow(InvalidArgumentError);
    expect(() => parent.allocate({ usd: '0.15' })).toThrow(
      /allowance.*larger than what task has left/,
    );
    expect(() => createBudget({ usd: '1', tokens: 100 }).allocate({ usd: '0.5' })).toThrow(
      /every dimension/,
    );
  });

  it('counts reservations still open at close as leaked, and releases them', () => {
    const events: BudgetEvent[] = [];
    const parent = createBudget({ usd: '1', onEvent: (event) => events.push(event) });
    const child = parent.allocate({ usd: '0.5' });
    child.reserve(call);
    child.close();
    expect(events.find((event) => event.type === 'budget.allowance.close')).toMatchObject({
      leaked: 1,
      returned: { usd: 500_000_000 },
    });
    expect(parent.reserved.usd).toBe(0);
    expect(() => child.reserve(call)).toThrow(/closed/);
  });
});

describe('Budget: bad input', () => {
  it.each([
    [{ usd: -1 }, /budget\.usd.*-1/],
    [{ usd: Number.NaN }, /budget\.usd.*NaN/],
    [{ usd: Number.POSITIVE_INFINITY }, /budget\.usd.*Infinity/],
    [{ usd: 'lots' }, /budget\.usd.*"lots"/],
    [{ tokens: -5 }, /budget\.tokens.*-5/],
    [{ tokens: 1.5 }, /budget\.tokens.*1\.5/],
    [{}, /Invalid budget: needs a limit/],
    [{ usd: 1, enforcement: 'maybe' }, /enforcement.*"maybe"/],
  ])('refuses %j', (options, message) => {
    expect(() => createBudget(options as never)).toThrow(message);
  });

  it('refuses a call with a bad bound, naming it', () => {
    const budget = createBudget({ usd: 1 });
    expect(() => budget.reserve({ ...call, inputTokensBound: -1 })).toThrow(
      /call\.inputTokensBound.*-1/,
    );
    expect(() => budget.reserve({ ...call, maxTokens: Number.NaN })).toThrow(/call\.maxTokens/);
    expect(() => budget.reserve({ ...call, cacheWrites: '2h' as never })).toThrow(
      /call\.cacheWrites.*"2h"/,
    );
    expect(() => budget.reserve({ ...call, model: 'nope' })).toThrow(/Invalid call\.model.*"nope"/);
    expect(budget.snapshot().openReservations).toBe(0);
  });

  it('refuses to charge a settled reservation', () => {
    const reservation = createBudget({ usd: 1 }).reserve(call);
    reservation.settle(actual);
    expect(() => reservation.charge(actual)).toThrow(/already settled/);
  });
});
