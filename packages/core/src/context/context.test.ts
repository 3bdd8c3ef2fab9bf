import { describe, expect, it } from 'vitest';
import type { ModelMessage, ModelRequest } from '../model/model-request';
import { defaultPriceTable } from '../pricing/price-table';
import { ArtifactStore } from './artifact-store';
import { PrefixTracker } from './prefix-tracker';
import { prunedMarker, pruneUsedResults, pruningPays } from './prune-used-results';

const rates = defaultPriceTable.resolve('claude-sonnet-4-6').rates.standard;
const big = (label: string): string => `${label} `.repeat(800); // about 1,000 tokens by the 4-byte estimate
const turn = (index: number, answered: boolean): ModelMessage[] => [
  {
    role: 'assistant',
    content: [{ type: 'tool-call', id: `t${String(index)}`, name: 'search', input: { index } }],
  },
  {
    role: 'user',
    content: [
      { type: 'tool-result', toolCallId: `t${String(index)}`, content: big(`r${String(index)}`) },
    ],
  },
  ...(answered ? [] : []),
];

describe('pruneUsedResults', () => {
  const conversation: ModelMessage[] = [
    { role: 'user', content: [{ type: 'text', text: 'task' }] },
    ...turn(1, true),
    ...turn(2, true),
    ...turn(3, false),
  ];

  it('prunes results the model answered after, when the turns left pay for the re-write, never the newest', () => {
    const store = new ArtifactStore();
    const decision = pruneUsedResults(conversation, {
      store,
      rates,
      remainingTurns: 10,
      options: { minChunkTokens: 1_000 },
    });
    expect(decision.pruned.map((entry) => entry.artifactId)).toEqual(['a1', 'a2']);
    expect(decision.savings > 0n).toBe(true);
    const results = decision.messages.flatMap((message) =>
      message.content.filter((part) => part.type === 'tool-result'),
    );
    expect(results.map((part) => part.content.startsWith(prunedMarker))).toEqual([
      true,
      true,
      false,
    ]);
    expect(store.get('a1')?.content).toBe(big('r1'));
  });

  it('waits until the used results make a chunk, so the cache lives between prunings', () => {
    const decision = pruneUsedResults(conversation, {
      store: new ArtifactStore(),
      rates,
      remainingTurns: 10,
    });
    // Two results of about 1,000 tokens: under the default chunk of 8,000.
    expect(decision.pruned).toEqual([]);
  });

  it('does not prune when too few turns are left to earn back the re-write', () => {
    const decision = pruneUsedResults(conversation, {
      store: new ArtifactStore(),
      rates,
      remainingTurns: 1,
    });
    expect(decision.pruned).toEqual([]);
    expect(decision.messages).toBe(conversation);
  });
});

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

describe('pruningPays (the worked example of docs/caching.md)', () => {
  it('prunes 2,000 of 3,000 tokens on sonnet-4-6 only with 6 or more turns left', () => {
    const ask = (remainingTurns: number) =>
      pruningPays({ prunedTokens: 2_000n, tokensAfterEditPoint: 3_000n, remainingTurns, rates });
    // R = 5: $0.00375 + $0.0012 = $0.00495 against $0.0045 (femtodollars: x 1e15).
    expect(ask(5)).toMatchObject({ pays: false });
    // R = 6: $0.00525 against $0.0054: saves $0.00015.
    expect(ask(6)).toMatchObject({ pays: true, savings: 150_000_000_000n });
  });
});
