import * as fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { stableStringify } from './stable-stringify';

describe('stableStringify', () => {
  it('sorts keys at every depth', () => {
    expect(stableStringify({ b: { y: 1, x: 2 }, a: [{ d: 1, c: 2 }] })).toBe(
      '{"a":[{"c":2,"d":1}],"b":{"x":2,"y":1}}',
    );
  });

  it('drops undefined members and renders non-finite numbers as null, like JSON.stringify', () => {
    const value = { a: undefined, b: Number.NaN, c: [undefined, Infinity] };
    expect(stableStringify(value)).toBe(JSON.stringify(value));
  });

  it('parses back to the same value for any JSON value', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        expect(JSON.parse(stableStringify(value))).toEqual(JSON.parse(JSON.stringify(value)));
      }),
    );
  });

  it('does not depend on key order', () => {
    fc.assert(
      fc.property(fc.dictionary(fc.string(), fc.integer()), (record) => {
        const reversed = Object.fromEntries(Object.entries(record).reverse());
        expect(stableStringify(reversed)).toBe(stableStringify(record));
      }),
    );
  });
});
