import { describe, expect, it } from 'vitest';
import * as z from 'zod';
import { parseResults } from './parse-results';

const schema = z.looseObject({
  date: z.iso.datetime(),
  shapes: z.array(z.looseObject({ shape: z.string(), microseconds: z.number() })),
  rows: z.array(
    z.union([z.looseObject({ skipped: z.string() }), z.looseObject({ cost: z.number() })]),
  ),
});

describe('parseResults', () => {
  it('returns the data, extra fields kept', () => {
    const value = { date: '2026-11-25T06:21:39.598Z', shapes: [], rows: [], extra: 1 };
    expect(parseResults('x.json', schema, value)).toEqual(value);
  });

  it('names the file and the path of every bad field', () => {
    const value = {
      date: 'yesterday',
      shapes: [{ shape: 'top-level', microseconds: 2 }, { shape: 'fan-out' }],
      rows: [],
    };
    expect(() => parseResults('governor-overhead.json', schema, value)).toThrow(
      /^results\/governor-overhead\.json does not match what its section reads:\n {2}date: .*\n {2}shapes\[1\]\.microseconds: Invalid input: expected number, received undefined$/,
    );
  });

  it("lists each branch's problems when a row fits no branch of a union", () => {
    const value = { date: '2026-11-25T06:21:39.598Z', shapes: [], rows: [{ cost: 'free' }] };
    expect(() => parseResults('context-savings.json', schema, value)).toThrow(
      /rows\[0\]: .*\n.*1\. rows\[0\]\.skipped: .*\n.*2\. rows\[0\]\.cost: Invalid input: expected number/,
    );
  });
});
