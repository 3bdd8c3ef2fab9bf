import { describe, expect, it } from 'vitest';
import type { ModelMessage } from '../model/model-request';
import { partialAnswer } from './partial-answer';

describe('partialAnswer', () => {
  it('joins every text the model wrote, in order, then the cut text, skipping tools and users', () => {
    const messages: ModelMessage[] = [
      { role: 'user', content: [{ type: 'text', text: 'Task' }] },
      {
        role: 'assistant',
        content: [
          { type: 'text', text: 'Kell: the Amber. ' },
          { type: 'tool-call', id: 't1', name: 'search', input: {} },
        ],
      },
      { role: 'user', content: [{ type: 'tool-result', toolCallId: 't1', content: 'secret' }] },
      { role: 'assistant', content: [{ type: 'tool-call', id: 't2', name: 'search', input: {} }] },
      { role: 'assistant', content: [{ type: 'text', text: 'Dorn: the Vell.' }] },
    ];
    expect(partialAnswer(messages, '  Then  ')).toBe('Kell: the Amber.\n\nDorn: the Vell.\n\nThen');
    expect(partialAnswer(messages.slice(0, 1), '')).toBe('');
  });
});
