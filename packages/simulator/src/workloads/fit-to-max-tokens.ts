import { truncateToTokens } from '../answer/truncate-to-tokens';
import type { ResponderAnswer, ResponseContentBlock } from '../messages/responder';

/** Cuts an answer to `max_tokens` as the API does: text stops, a tool call that does not fit is lost. */
export function fitToMaxTokens(
  answer: ResponderAnswer,
  maxTokens: number,
  countTokens: (text: string) => number,
): ResponderAnswer {
  let used = 0;
  const content: ResponseContentBlock[] = [];
  for (const block of answer.content) {
    const size =
      block.type === 'text'
        ? countTokens(block.text)
        : countTokens(`${block.name}\n${JSON.stringify(block.input)}`);
    if (used + size <= maxTokens) {
      content.push(block);
      used += size;
      continue;
    }
    if (block.type === 'text') {
      const cut = truncateToTokens(block.text, maxTokens - used, countTokens).text;
      if (cut.length > 0) content.push({ type: 'text', text: cut });
    }
    return { content, stopReason: 'max_tokens' };
  }
  return { content, stopReason: answer.stopReason };
}
