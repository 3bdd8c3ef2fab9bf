import { describe, expect, it } from 'vitest';
import { chooseBackend } from './choose-backend';

describe('chooseBackend', () => {
  const none = { sim: false, real: false };

  it('is the real API only with --real: a key alone stays on the simulator', () => {
    expect(chooseBackend(none, {}, 'pnpm demo')).toEqual({ kind: 'simulator', notice: undefined });
    expect(chooseBackend(none, { ANTHROPIC_API_KEY: '' }, 'pnpm demo').notice).toBeUndefined();
    expect(chooseBackend(none, { ANTHROPIC_API_KEY: 'sk-test' }, 'pnpm demo').kind).toBe(
      'simulator',
    );
    expect(chooseBackend({ sim: false, real: true }, {}, 'pnpm demo').kind).toBe('real');
    expect(
      chooseBackend({ sim: false, real: true }, { ANTHROPIC_API_KEY: 'sk-test' }, 'pnpm demo'),
    ).toEqual({ kind: 'real', notice: undefined });
  });

  it('says in one line, for a key that is set, that the run stays on the simulator and how to go real', () => {
    const { notice } = chooseBackend(none, { ANTHROPIC_API_KEY: 'sk-test' }, 'pnpm demo');
    expect(notice).toBe(
      'ANTHROPIC_API_KEY is set, but this runs on the simulator and spends nothing; pnpm demo --real runs on the real API.',
    );
    expect(notice).not.toContain('sk-test');
    // --sim asked for the simulator: nothing to say.
    expect(
      chooseBackend({ sim: true, real: false }, { ANTHROPIC_API_KEY: 'sk-test' }, 'pnpm demo'),
    ).toEqual({ kind: 'simulator', notice: undefined });
  });

  it('refuses both flags at once', () => {
    expect(() => chooseBackend({ sim: true, real: true }, {}, 'pnpm demo')).toThrow(
      /--sim and --real/,
    );
  });
});
