import type { ModelMessage } from '../model/model-request';

/**
 * What a run that stopped early has to show: every text the model wrote in
 * the conversation, in order, then the text of a turn cut short (not in the
 * conversation). The last turn alone is often a step between tool calls
 * ("Now the second lookup."), while what the agent found is in the turns
 * before it.
 *
 * @example
 * ```ts
 * partialAnswer([{ role: 'assistant', content: [{ type: 'text', text: 'Kell: 320 km.' }] }], 'Then'); // 'Kell: 320 km.\n\nThen'
 * ```
 */
export function partialAnswer(messages: readonly ModelMessage[], cutText: string): string {
  const texts: string[] = [];
  for (const message of messages) {
    if (message.role !== 'assistant') continue;
    const text = message.content
      .map((part) => (part.type === 'text' ? part.text : ''))
      .join('')
      .trim();
    if (text.length > 0) texts.push(text);
  }
  if (cutText.trim().length > 0) texts.push(cutText.trim());
  return texts.join('\n\n');
}
