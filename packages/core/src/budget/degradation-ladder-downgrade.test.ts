import { describe, expect, it } from 'vitest';
import { UnknownModelError } from '../errors/unknown-model-error';
import { defaultPriceTable as priceTable } from '../pricing/price-table';
import { createBudget } from './budget';
import { planDegradation } from './degradation-ladder';
import type { PlannedStep } from './work-plan';

// The ladder steps down the tiers the router climbs (pricing/model-tiers.ts):
// a model outside the list ranks with its line's tier.
const step: PlannedStep = {
  id: 'A',
  model: 'claude-sonnet-4-5',
  turns: 10,
  contextTokens: 10_000,
  growthPerTurn: 2_000,
  outputPerTurn: 500,
  maxTokens: 4_096,
};
const downgrade = (planned: PlannedStep, modelTiers?: readonly string[]) =>
  planDegradation(
    createBudget({ usd: '0.05' }).snapshot(),
    { steps: [planned] },
    {
      priceTable,
      target: 0.95,
      allowed: 'all',
      order: ['downgrade'],
      ...(modelTiers === undefined ? {} : { modelTiers }),
    },
  ).actions;

describe('the downgrade step of the ladder', () => {
  it('takes a model outside the tiers one line down, not sideways to its own line', () => {
    // sonnet-4-5 ranks with the sonnet-4-6 tier: the step below is haiku-4-5,
    // with the default tiers and with the same tiers given.
    const toHaiku = [
      {
        kind: 'downgrade',
        steps: [{ id: 'A', from: 'claude-sonnet-4-5', to: 'claude-haiku-4-5' }],
      },
    ];
    expect(downgrade(step)).toEqual(toHaiku);
    expect(downgrade(step, ['claude-haiku-4-5', 'claude-sonnet-4-6', 'claude-opus-4-6'])).toEqual(
      toHaiku,
    );
  });

  it('lets a minimum on a line be met by that line tier', () => {
    const opus = { ...step, model: 'claude-opus-4-6', minimumModel: 'claude-sonnet-4-5' };
    expect(downgrade(opus)).toEqual([
      { kind: 'downgrade', steps: [{ id: 'A', from: 'claude-opus-4-6', to: 'claude-sonnet-4-6' }] },
    ]);
    expect(downgrade({ ...opus, model: 'claude-sonnet-4-6' })).toEqual([]);
  });

  it('names an unknown tier', () => {
    expect(() => downgrade(step, ['claude-haiku-4-5', 'claude-nonesuch'])).toThrow(
      UnknownModelError,
    );
    expect(() => downgrade(step, ['claude-haiku-4-5', 'claude-nonesuch'])).toThrow(
      /ladder\.modelTiers\[1\]/,
    );
  });
});
