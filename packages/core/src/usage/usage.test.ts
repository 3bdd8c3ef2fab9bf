import { describe, expect, it } from 'vitest';
import { InvalidArgumentError } from '../errors/invalid-argument-error';
import { addUsage, createUsage, emptyUsage, promptTokens, totalTokens } from './usage';

describe('createUsage', () => {
  it('fills missing classes with zero', () => {
    expect(createUsage({ input: 5730, output: 157 })).toEqual({
      input: 5730,
      cacheWrite5m: 0,
      cacheWrite1h: 0,
      cacheRead: 0,
      output: 157,
    });
  });

  it.each([
    [{ input: -1 }, 'usage.input', '-1'],
    [{ output: 1.5 }, 'usage.output', '1.5'],
    [{ cacheRead: Number.NaN }, 'usage.cacheRead', 'NaN'],
    [{ cacheWrite1h: Number.POSITIVE_INFINITY }, 'usage.cacheWrite1h', 'Infinity'],
  ])('refuses %j, naming %s and the value', (partial, argument, shown) => {
    let caught: unknown;
    try {
      createUsage(partial);
    } catch (error) {
      caught = error;
    }
    expect(InvalidArgumentError.isInstance(caught)).toBe(true);
    const error = caught as InvalidArgumentError;
    expect(error.argument).toBe(argument);
    expect(error.message).toContain(argument);
    expect(error.message).toContain(shown);
  });

  it('refuses a string count', () => {
    expect(() => createUsage({ input: '5' as unknown as number })).toThrow(/usage\.input.*"5"/);
  });
});

describe('usage arithmetic', () => {
  const a = createUsage({ input: 1, cacheWrite5m: 2, cacheWrite1h: 3, cacheRead: 4, output: 5 });
  const b = createUsage({
    input: 10,
    cacheWrite5m: 20,
    cacheWrite1h: 30,
    cacheRead: 40,
    output: 50,
  });

  it('adds class by class', () => {
    expect(addUsage(a, b)).toEqual({
      input: 11,
      cacheWrite5m: 22,
      cacheWrite1h: 33,
      cacheRead: 44,
      output: 55,
    });
    expect(addUsage()).toEqual(emptyUsage);
  });

  it('counts the prompt as input plus writes plus reads', () => {
    expect(promptTokens(a)).toBe(10);
    expect(totalTokens(a)).toBe(15);
  });
});
