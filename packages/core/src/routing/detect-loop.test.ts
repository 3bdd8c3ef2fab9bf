import { describe, expect, it } from 'vitest';
import type { ModelMessage } from '../model/model-request';
import { detectLoop } from './detect-loop';

const user = (text: string): ModelMessage => ({ role: 'user', content: [{ type: 'text', text }] });
const result = (id: string): ModelMessage => ({
  role: 'user',
  content: [{ type: 'tool-result', toolCallId: id, content: 'Kell: 1,204 m' }],
});
const call = (id: string, name: string, input: unknown, text?: string): ModelMessage => ({
  role: 'assistant',
  content: [
    ...(text === undefined ? [] : [{ type: 'text' as const, text }]),
    { type: 'tool-call', id, name, input },
  ],
});
const answer = (text: string): ModelMessage => ({
  role: 'assistant',
  content: [{ type: 'text', text }],
});

describe('detectLoop', () => {
  it('finds the same call with the same input back to back, tool results between', () => {
    const messages = [
      user('How high is Kell?'),
      call('a', 'search', { q: 'Kell' }),
      result('a'),
      call('b', 'search', { q: 'Kell' }, 'Noted from search: Kell: 1,204 m.'),
      result('b'),
      answer('Answer: Kell: 1,204 m.'),
    ];
    expect(detectLoop(messages)).toEqual({
      tool: 'search',
      input: { q: 'Kell' },
      repeats: 2,
      messageIndex: 1,
    });
  });

  it('counts inputs equal whatever their key order', () => {
    const messages = [
      call('a', 'lookup', { entity: 'Kell', attribute: 'height' }),
      result('a'),
      call('b', 'lookup', { attribute: 'height', entity: 'Kell' }),
    ];
    expect(detectLoop(messages)?.repeats).toBe(2);
  });

  it('finds nothing when the input, the tool or the order differ', () => {
    expect(
      detectLoop([
        call('a', 'search', { q: 'Kell' }),
        result('a'),
        call('b', 'search', { q: 'Ardo' }),
        result('b'),
        call('c', 'lookup', { q: 'Ardo' }),
        result('c'),
        call('d', 'search', { q: 'Kell' }),
      ]),
    ).toBeUndefined();
    expect(detectLoop([])).toBeUndefined();
  });

  it('ends a run at an answer with no tool call', () => {
    expect(
      detectLoop([
        call('a', 'search', { q: 'Kell' }),
        result('a'),
        answer('Kell'),
        user('More?'),
        call('b', 'search', { q: 'Kell' }),
      ]),
    ).toBeUndefined();
  });

  it('counts repeats in one message, and honours minRepeats', () => {
    const twice: ModelMessage = {
      role: 'assistant',
      content: [
        { type: 'tool-call', id: 'a', name: 'search', input: { q: 'Kell' } },
        { type: 'tool-call', id: 'b', name: 'search', input: { q: 'Kell' } },
      ],
    };
    expect(detectLoop([twice])).toMatchObject({ repeats: 2, messageIndex: 0 });
    expect(detectLoop([twice], { minRepeats: 3 })).toBeUndefined();
    expect(
      detectLoop([twice, result('b'), call('c', 'search', { q: 'Kell' })], { minRepeats: 3 }),
    ).toMatchObject({ repeats: 3, messageIndex: 0 });
  });

  it('returns the first loop of several', () => {
    const messages = [
      call('a', 'search', { q: 'Kell' }),
      call('b', 'search', { q: 'Kell' }),
      call('c', 'search', { q: 'Ardo' }),
      call('d', 'search', { q: 'Ardo' }),
      call('e', 'search', { q: 'Ardo' }),
    ];
    expect(detectLoop(messages)).toMatchObject({ input: { q: 'Kell' }, repeats: 2 });
  });
});
