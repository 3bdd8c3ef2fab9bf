import { describe, expect, it } from 'vitest';
import { parseCliOptions } from './cli-options';

describe('parseCliOptions', () => {
  it('runs on the real API only with --real; a key alone stays on the simulator, with a notice', () => {
    expect(parseCliOptions([], {})).toMatchObject({
      backend: 'simulator',
      items: 500,
      parts: ['bulk', 'task'],
    });
    expect(parseCliOptions([], { ANTHROPIC_API_KEY: 'k' })).toMatchObject({
      backend: 'simulator',
      items: 500,
      notice: expect.stringMatching(/pnpm example:batch-lane --real runs on the real API/),
    });
    expect(parseCliOptions(['--sim'], { ANTHROPIC_API_KEY: 'k' }).notice).toBeUndefined();
    expect(parseCliOptions(['--real'], {})).toMatchObject({ backend: 'real', items: 20 });
  });

  it('takes parts, items and a total, and refuses bad values', () => {
    expect(parseCliOptions(['--part', 'task', '--items', '200'], {})).toMatchObject({
      parts: ['task'],
      items: 200,
    });
    expect(() => parseCliOptions(['--items', '0'], {})).toThrow(/--items/);
    expect(() => parseCliOptions(['--items', '1001'], {})).toThrow(/--items/);
    expect(() => parseCliOptions(['--part', 'all'], {})).toThrow(/--part/);
    expect(() => parseCliOptions(['--total', '$1'], {})).toThrow(/--total/);
    expect(() => parseCliOptions(['--sim', '--real'], {})).toThrow(/one of/);
    expect(() => parseCliOptions(['--verbose'], {})).toThrow();
  });
});
