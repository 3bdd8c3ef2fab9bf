import { cost } from '@bursar/core/pricing';
import { describe, expect, it } from 'vitest';
import { runConversation } from './run-conversation';

describe('cache-savings example', () => {
  it('costs less with caching, on the same tokens, and every line is priced exactly', async () => {
    const [uncached, cached] = await Promise.all([
      runConversation({ cached: false, turns: 6 }),
      runConversation({ cached: true, turns: 6 }),
    ]);
    const promptOf = (line: (typeof cached.lines)[number]) =>
      line.usage.input + line.usage.cacheWrite5m + line.usage.cacheWrite1h + line.usage.cacheRead;
    // Same conversation: the same prompt sizes turn by turn, caching only moves tokens between classes.
    expect(cached.lines.map(promptOf)).toEqual(uncached.lines.map(promptOf));
    expect(uncached.lines.every((line) => line.usage.cacheRead === 0)).toBe(true);
    expect(cached.lines.slice(1).every((line) => line.usage.cacheRead > 0)).toBe(true);
    expect(cached.total).toBeLessThan(uncached.total);
    for (const line of [...cached.lines, ...uncached.lines])
      expect(line.cost).toBe(cost(line.usage, line.model));
  });
});
