import { describe, expect, it } from 'vitest';
import type { ModelRequest } from '../model/model-request';
import { PrefixTracker } from './prefix-tracker';

describe('PrefixTracker', () => {
  const request: ModelRequest = {
    model: 'claude-sonnet-4-6',
    tools: [{ name: 'search', description: 'Searches.', inputSchema: { type: 'object' } }],
    system: ['Be terse.'],
    reference: ['A long document.'],
    messages: [],
    maxTokens: 100,
  };

  it('reports the first stable segment that changed and what it re-writes', () => {
    const tracker = new PrefixTracker();
    expect(tracker.observe(request)).toBeUndefined();
    expect(
      tracker.observe({
        ...request,
        messages: [{ role: 'user', content: [{ type: 'text', text: 'hi' }] }],
      }),
    ).toBeUndefined();
    const bust = tracker.observe({ ...request, system: ['Be terse. It is 10:42.'] });
    expect(bust).toEqual({
      segment: 'system',
      tokensBound:
        JSON.stringify(['Be terse. It is 10:42.']).length +
        JSON.stringify(request.reference).length,
    });
    expect(
      tracker.observe({ ...request, system: ['Be terse. It is 10:42.'], tools: [] })?.segment,
    ).toBe('tools');
  });
});
