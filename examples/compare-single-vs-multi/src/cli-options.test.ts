import { describe, expect, it } from 'vitest';
import { parseCliOptions } from './cli-options';

describe('parseCliOptions', () => {
  it('runs on the real API only with --real; a key alone stays on the simulator, with a notice', () => {
    expect(parseCliOptions([], {})).toMatchObject({ backend: 'simulator', notice: undefined });
    const keyed = parseCliOptions([], { ANTHROPIC_API_KEY: 'sk-test' });
    expect(keyed.backend).toBe('simulator');
    expect(keyed.notice).toMatch(/simulator and spends nothing; pnpm demo --real runs on/);
    expect(parseCliOptions(['--sim'], { ANTHROPIC_API_KEY: 'sk-test' }).notice).toBeUndefined();
    expect(parseCliOptions(['--real'], {}).backend).toBe('real');
  });

  it('takes fewer tasks on the real API, repeated budgets in order, and an output path', () => {
    expect(parseCliOptions([], {}).tasksPerSet).toBe(3);
    expect(parseCliOptions(['--real'], {}).tasksPerSet).toBe(1);
    const options = parseCliOptions(
      ['--budget', '0.50', '--budget', '0.05', '--out', 'report.html'],
      {},
    );
    expect(options.budgetsUsd).toEqual(['0.50', '0.05']);
    expect(options.out).toBe('report.html');
  });

  it('refuses bad values before anything runs', () => {
    expect(() => parseCliOptions(['--tasks', '9'], {})).toThrow(/--tasks/);
    expect(() => parseCliOptions(['--budget', '$1'], {})).toThrow(/--budget/);
    expect(() => parseCliOptions(['--sim', '--real'], {})).toThrow(/one of/);
    expect(() => parseCliOptions(['--bogus'], {})).toThrow();
  });
});
