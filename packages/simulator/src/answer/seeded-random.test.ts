import * as fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createSeededRandom, hashString } from './seeded-random';

function draw(seed: string | number, count: number): number[] {
  const random = createSeededRandom(seed);
  return Array.from({ length: count }, () => random.next());
}

describe('hashString', () => {
  it.each([
    // Published FNV-1a 32-bit test vectors.
    ['', 0x811c9dc5],
    ['a', 0xe40c292c],
    ['foobar', 0xbf9cf968],
  ])('hashes %j to the FNV-1a value', (text, expected) => {
    expect(hashString(text)).toBe(expected);
  });

  it('returns an unsigned 32-bit integer for any text', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme' }), (text) => {
        const hash = hashString(text);
        expect(Number.isInteger(hash)).toBe(true);
        expect(hash).toBeGreaterThanOrEqual(0);
        expect(hash).toBeLessThan(2 ** 32);
      }),
    );
  });
});

describe('createSeededRandom', () => {
  it('repeats the same sequence for the same seed', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.integer()), (seed) => {
        expect(draw(seed, 20)).toEqual(draw(seed, 20));
      }),
    );
  });

  it('gives different sequences for different seeds', () => {
    fc.assert(
      fc.property(fc.string(), fc.string(), (first, second) => {
        fc.pre(first !== second);
        expect(draw(first, 4)).not.toEqual(draw(second, 4));
      }),
    );
  });

  it('treats a number seed like its string form', () => {
    expect(draw(42, 5)).toEqual(draw('42', 5));
  });

  it('draws next() in [0, 1), spread evenly', () => {
    const values = draw('spread', 10_000);
    expect(values.every((value) => value >= 0 && value < 1)).toBe(true);
    const mean = values.reduce((sum, value) => sum + value, 0) / values.length;
    expect(mean).toBeGreaterThan(0.48);
    expect(mean).toBeLessThan(0.52);
    // Every tenth of the interval gets a fair share.
    const buckets = new Array<number>(10).fill(0);
    for (const value of values)
      buckets[Math.floor(value * 10)] = (buckets[Math.floor(value * 10)] ?? 0) + 1;
    for (const count of buckets) expect(count).toBeGreaterThan(800);
  });

  it('draws integers within inclusive bounds, reaching both ends', () => {
    fc.assert(
      fc.property(
        fc.string(),
        fc.integer({ min: -50, max: 50 }),
        fc.integer({ min: 0, max: 5 }),
        (seed, min, span) => {
          const random = createSeededRandom(seed);
          const seen = new Set<number>();
          for (let index = 0; index < 200; index += 1) {
            const value = random.integer(min, min + span);
            expect(Number.isInteger(value)).toBe(true);
            expect(value).toBeGreaterThanOrEqual(min);
            expect(value).toBeLessThanOrEqual(min + span);
            seen.add(value);
          }
          expect(seen.size).toBe(span + 1);
        },
      ),
    );
  });

  it('rounds fractional bounds inward and refuses an empty range', () => {
    const random = createSeededRandom('bounds');
    for (let index = 0; index < 50; index += 1) expect(random.integer(0.5, 1.5)).toBe(1);
    expect(() => random.integer(3, 2)).toThrow(RangeError);
    expect(() => random.integer(0.2, 0.8)).toThrow(RangeError);
  });

  it('picks every item of a list eventually and refuses an empty list', () => {
    const random = createSeededRandom('pick');
    const items = ['red', 'green', 'blue', 'violet'] as const;
    const picked = new Set(Array.from({ length: 200 }, () => random.pick(items)));
    expect([...picked].sort()).toEqual([...items].sort());
    expect(() => random.pick([])).toThrow(RangeError);
  });

  it('makes base62 identifiers of the asked length', () => {
    fc.assert(
      fc.property(fc.string(), fc.integer({ min: 0, max: 64 }), (seed, length) => {
        expect(createSeededRandom(seed).identifier(length)).toMatch(
          new RegExp(`^[0-9A-Za-z]{${length}}$`),
        );
      }),
    );
    const random = createSeededRandom('ids');
    expect(random.identifier(22)).not.toBe(random.identifier(22));
  });
});
