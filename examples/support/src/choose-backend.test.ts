import { describe, expect, it } from 'vitest';
import { chooseBackend } from './choose-backend';

describe('chooseBackend', () => {
  const none = { sim: false, real: false };

  it('is the simulator without a key, the real API with one, and --sim wins over the key', () => {
    expect(chooseBackend(none, {})).toBe('simulator');
    expect(chooseBackend(none, { ANTHROPIC_API_KEY: '' })).toBe('simulator');
    expect(chooseBackend(none, { ANTHROPIC_API_KEY: 'sk-test' })).toBe('real');
    expect(chooseBackend({ sim: true, real: false }, { ANTHROPIC_API_KEY: 'sk-test' })).toBe(
      'simulator',
    );
    expect(chooseBackend({ sim: false, real: true }, {})).toBe('real');
  });

  it('refuses both flags at once', () => {
    expect(() => chooseBackend({ sim: true, real: true }, {})).toThrow(/--sim and --real/);
  });
});
