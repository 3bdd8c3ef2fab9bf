import * as fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createPriceTable } from '../pricing/price-table';
import { totalTokens, type Usage } from '../usage/usage';
import { createBudget, type Budget } from './budget';
import type { CallEnvelope } from './call-bound';

// A random price table: three models with random prices (one with a long-context tier).
const priceTableArbitrary = fc
  .tuple(
    fc.array(fc.integer({ min: 1, max: 20_000 }), { minLength: 3, maxLength: 3 }),
    fc.array(fc.integer({ min: 1, max: 80_000 }), { minLength: 3, maxLength: 3 }),
  )
  .map(([inputs, outputs]) =>
    createPriceTable({
      base: null,
      models: {
        small: { prices: { input: (inputs[0] ?? 1) / 1000, output: (outputs[0] ?? 1) / 1000 } },
        middle: { prices: { input: (inputs[1] ?? 1) / 1000, output: (outputs[1] ?? 1) / 1000 } },
        tiered: {
          prices: { input: (inputs[2] ?? 1) / 1000, output: (outputs[2] ?? 1) / 1000 },
          longContext: {
            abovePromptTokens: 20_000,
            prices: {
              input: ((inputs[2] ?? 1) * 5) / 1000,
              output: ((outputs[2] ?? 1) * 5) / 1000,
            },
          },
        },
      },
    }),
  );

const callArbitrary: fc.Arbitrary<CallEnvelope> = fc.record({
  model: fc.constantFrom('small', 'middle', 'tiered'),
  inputTokensBound: fc.integer({ min: 0, max: 40_000 }),
  maxTokens: fc.integer({ min: 0, max: 8_000 }),
  lane: fc.constantFrom('interactive' as const, 'batch' as const),
  cacheWrites: fc.constantFrom('none' as const, '5m' as const, '1h' as const),
});

/** What happens to one call: attempts billed, and how it ends. */
const scriptArbitrary = fc.record({
  attempts: fc.integer({ min: 1, max: 3 }),
  outcome: fc.constantFrom('settle', 'fail', 'cut'),
  shares: fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: 8, maxLength: 8 }),
});

type Script = typeof scriptArbitrary extends fc.Arbitrary<infer Value> ? Value : never;

/** A usage no larger than the call's envelope, split over the classes it allows. */
function usageWithin(call: CallEnvelope, shares: readonly number[], outputShare: number): Usage {
  const share = (index: number): number => shares[index] ?? 0;
  const prompt = Math.floor(call.inputTokensBound * share(0));
  const written = call.cacheWrites === 'none' ? 0 : Math.floor(prompt * share(1));
  const write1h = call.cacheWrites === '1h' ? Math.floor(written * share(2)) : 0;
  const read = Math.floor((prompt - written) * share(3));
  return {
    input: prompt - written - read,
    cacheWrite5m: written - write1h,
    cacheWrite1h: write1h,
    cacheRead: read,
    output: Math.floor(call.maxTokens * outputShare),
  };
}

function checkInvariant(budget: Budget): void {
  const { spent, reserved, limit } = budget.snapshot();
  if (limit.usd !== undefined) {
    expect(spent.usd + reserved.usd).toBeLessThanOrEqual(limit.usd);
    expect(spent.usd).toBeLessThanOrEqual(limit.usd);
  }
  if (limit.tokens !== undefined)
    expect(spent.tokens + reserved.tokens).toBeLessThanOrEqual(limit.tokens);
  expect(reserved.usd).toBeGreaterThanOrEqual(0);
}

describe('a hard budget under concurrency (property)', () => {
  it('never passes its limit, books exactly what was charged, and leaks nothing', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.scheduler(),
        priceTableArbitrary,
        fc.integer({ min: 0, max: 2_000_000_000 }),
        fc.option(fc.integer({ min: 0, max: 400_000 }), { nil: undefined }),
        fc.array(fc.tuple(callArbitrary, scriptArbitrary), { minLength: 1, maxLength: 64 }),
        fc.boolean(),
        async (scheduler, priceTable, limitNanos, tokenLimit, callers, viaChild) => {
          const parent = createBudget({
            usd: (limitNanos / 1e9).toFixed(9),
            ...(tokenLimit === undefined ? {} : { tokens: tokenLimit }),
            priceTable,
          });
          // Half the runs go through a child allowance of half the parent.
          const budget = viaChild
            ? parent.allocate({
                usd: (Math.floor(limitNanos / 2) / 1e9).toFixed(9),
                ...(tokenLimit === undefined ? {} : { tokens: Math.floor(tokenLimit / 2) }),
                name: 'sub',
              })
            : parent;
          let charged = 0;
          let chargedTokens = 0;

          const run = async ([call, script]: [CallEnvelope, Script]) => {
            const result = budget.tryReserve(call);
            checkInvariant(parent);
            if (!result.ok) return;
            const reservation = result.reservation;
            for (let attempt = 0; attempt < script.attempts; attempt += 1) {
              // The call is in flight: other callers run meanwhile.
              await scheduler.schedule(Promise.resolve(), `call ${attempt}`);
              const last = attempt === script.attempts - 1;
              if (!last || script.outcome === 'cut') {
                // A failed attempt that was billed (a cut stream): input and part of the output.
                const usage = usageWithin(call, script.shares, (script.shares[4] ?? 0) * 0.5);
                charged += reservation.charge(usage).usd;
                chargedTokens += totalTokens(usage);
                checkInvariant(parent);
                if (!last && !reservation.renew()) break;
                checkInvariant(parent);
              } else if (script.outcome === 'settle') {
                const usage = usageWithin(call, script.shares, script.shares[5] ?? 0);
                const before = reservation.spent.usd;
                reservation.settle(usage);
                charged += reservation.spent.usd - before;
                chargedTokens += totalTokens(usage);
              }
            }
            // Whatever happened, the caller settles or releases: a failure releases.
            reservation.release();
            checkInvariant(parent);
          };

          await Promise.all([...callers.map(run), scheduler.waitIdle()]);
          while (scheduler.count() > 0) await scheduler.waitIdle();

          checkInvariant(parent);
          expect(budget.snapshot().openReservations).toBe(0);
          expect(budget.spent.usd).toBe(charged);
          expect(budget.spent.tokens).toBe(chargedTokens);
          if (viaChild) {
            budget.close();
            expect(parent.spent.usd).toBe(charged);
          }
          expect(parent.reserved).toEqual({ usd: 0, tokens: 0 });
        },
      ),
      { numRuns: 1000 },
    );
  }, 60_000);
});
