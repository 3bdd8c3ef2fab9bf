import { describe, expect, it } from 'vitest';
import { parseCliOptions } from './cli-options';

describe('parseCliOptions', () => {
  it('runs on the simulator without a key, on the real API with one unless --sim', () => {
    expect(parseCliOptions([], {})).toMatchObject({
      backend: 'simulator',
      items: 500,
      parts: ['bulk', 'task'],
    });
    expect(parseCliOptions([], { ANTHROPIC_API_KEY: 'k' })).toMatchObject({
      backend: 'real',
      items: 20,
    });
    expect(parseCliOptions(['--sim'], { ANTHROPIC_API_KEY: 'k' }).backend).toBe('simulator');
    expect(parseCliOptions(['--real'], {}).backend).toBe('real');
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
