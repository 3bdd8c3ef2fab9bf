import { describe, expect, it } from 'vitest';
import { UnknownModelError } from '../errors/unknown-model-error';
import { createModelRanker, defaultModelTiers, modelLineOrder } from './model-tiers';
import { defaultPriceTable } from './price-table';

const ranker = createModelRanker(defaultModelTiers, defaultPriceTable);

describe('defaultModelTiers', () => {
  it('is one frozen list, cheapest first, of models the table knows', () => {
    expect(defaultModelTiers).toEqual(['claude-haiku-4-5', 'claude-sonnet-4-6', 'claude-opus-4-6']);
    expect(Object.isFrozen(defaultModelTiers)).toBe(true);
    const lines = defaultModelTiers.map((model) => defaultPriceTable.resolve(model).line);
    expect(lines).toEqual(['haiku', 'sonnet', 'opus']);
  });

  it('orders every line, least capable first', () => {
    expect(modelLineOrder).toEqual(['haiku', 'sonnet', 'opus', 'fable', 'mythos']);
  });
});

describe('createModelRanker', () => {
  it('ranks a tier by its index, an alias with its model', () => {
    expect(ranker.rank('claude-haiku-4-5', 'model')).toBe(0);
    expect(ranker.rank('claude-haiku-4-5-20251001', 'model')).toBe(0);
    expect(ranker.rank('claude-opus-4-6', 'model')).toBe(2);
  });

  it('ranks a model outside the tiers with the tier of its line', () => {
    expect(ranker.rank('claude-sonnet-4-5', 'model')).toBe(1);
    expect(ranker.rank('claude-opus-5-5', 'model')).toBe(2);
  });

  it('ranks a line no tier has between the lines around it', () => {
    expect(ranker.rank('claude-fable-5-2', 'model')).toBe(2.5);
    const sonnetAndOpus = createModelRanker(
      ['claude-sonnet-4-6', 'claude-opus-4-6'],
      defaultPriceTable,
    );
    expect(sonnetAndOpus.rank('claude-haiku-4-5', 'model')).toBe(-0.5);
    const haikuAndOpus = createModelRanker(
      ['claude-haiku-4-5', 'claude-opus-4-6'],
      defaultPriceTable,
    );
    expect(haikuAndOpus.rank('claude-sonnet-4-6', 'model')).toBe(0.5);
  });

  it('climbs with above and atLeast, steps down with below', () => {
    expect(ranker.above(0)).toBe(1);
    expect(ranker.above(2)).toBeUndefined();
    expect(ranker.atLeast(0.5)).toBe(1);
    expect(ranker.atLeast(-0.5)).toBe(0);
    expect(ranker.atLeast(2.5)).toBeUndefined();
    expect(ranker.below(2)).toBe(1);
    expect(ranker.below(1)).toBe(0);
    expect(ranker.below(0)).toBeUndefined();
    expect(ranker.below(0.5)).toBe(0);
    // A fable above the opus tier steps down to opus.
    expect(ranker.below(2.5)).toBe(2);
  });

  it('never steps down to a dearer line: a sonnet under an opus-only list has nothing below', () => {
    const opusOnly = createModelRanker(['claude-opus-4-6'], defaultPriceTable);
    expect(opusOnly.below(opusOnly.rank('claude-sonnet-4-6', 'model'))).toBeUndefined();
  });

  it('names the tier a table does not know', () => {
    const build = () =>
      createModelRanker(
        ['claude-haiku-4-5', 'claude-nonesuch'],
        defaultPriceTable,
        'ladder.modelTiers',
      );
    expect(build).toThrow(UnknownModelError);
    expect(build).toThrow(/ladder\.modelTiers\[1\]/);
    expect(() => ranker.rank('gpt-nonesuch', 'step.model')).toThrow(/step\.model/);
  });
});
