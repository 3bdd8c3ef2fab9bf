import { describe, expect, it } from 'vitest';
import { humanizeMilliseconds } from './humanize-milliseconds';

describe('humanizeMilliseconds', () => {
  it('rewrites every "<n> ms" as a duration, and leaves the rest alone', () => {
    expect(
      humanizeMilliseconds(
        "21600000 ms left holds the batch's expected 3600000 ms plus one interactive call (60000 ms)",
      ),
    ).toBe("6 h left holds the batch's expected 1 h plus one interactive call (1 min)");
    expect(humanizeMilliseconds('86400000 ms left; 1500 ms; 9034273 ms')).toBe(
      '24 h left; 1.5 s; 2 h 31 min',
    );
    expect(humanizeMilliseconds('no durations, 12 items, $0.5')).toBe(
      'no durations, 12 items, $0.5',
    );
  });
});
