import { describe, expect, it } from 'vitest';
import type { ModelMessage } from '../model/model-request';
import { prunedMarker, prunedNote, pruneResults, usedResults } from './prune-used-results';

const big = (label: string): string => label.repeat(800); // 200 tokens by the 4-byte estimate
const call = (id: string): ModelMessage => ({
  role: 'assistant',
  content: [{ type: 'tool-call', id, name: 'search', input: { id } }],
});
const result = (id: string, content: string): ModelMessage => ({
  role: 'user',
  content: [{ type: 'tool-result', toolCallId: id, content }],
});
const conversation: ModelMessage[] = [
  { role: 'user', content: [{ type: 'text', text: 'task' }] },
  call('t1'),
  result('t1', big('a')),
  call('t2'),
  result('t2', 'short'),
  call('t3'),
  result('t3', `${prunedMarker} search result, 200 tokens: recall a1`),
  call('t4'),
  result('t4', big('b')),
];

describe('usedResults', () => {
  it('lists results answered after, large enough and not yet pruned; never the fresh ones', () => {
    expect(usedResults(conversation, 100)).toEqual([
      { messageIndex: 2, partIndex: 0, toolCallId: 't1', tool: 'search', tokens: 200 },
    ]);
    // With a count that makes everything small, nothing.
    expect(usedResults(conversation, 100, () => 1)).toEqual([]);
  });
});

describe('pruneResults', () => {
  it('replaces the chosen results with notes and keeps every other message as it was', () => {
    const used = usedResults(conversation, 100);
    const edited = pruneResults(conversation, used, ['a7']);
    expect(edited[2]?.content[0]).toEqual({
      type: 'tool-result',
      toolCallId: 't1',
      content: prunedNote('search', 200, 'a7'),
    });
    expect(prunedNote('search', 200, 'a7')).toBe('[pruned] search result, 200 tokens: recall a7');
    edited.forEach((message, index) => {
      if (index !== 2) expect(message).toBe(conversation[index]);
    });
    expect(conversation[2]?.content[0]).toMatchObject({ content: big('a') });
  });
});
