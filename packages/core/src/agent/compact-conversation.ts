import type { ContentPart, ModelMessage, ModelRequest } from '../model/model-request';
import type { Nanodollars } from '../money/nanodollars';
import type { Usage } from '../usage/usage';
import { reserve } from './reserve-call';
import type { ContextOptions, RunAgentOptions } from './run-agent';

/** The text of the conversation's first message (the task). */
export function firstText(messages: readonly ModelMessage[]): string {
  return (messages[0]?.content ?? [])
    .map((part) => (part.type === 'text' ? part.text : ''))
    .join('\n');
}

/** The whole conversation as plain text, for a summarizer. */
function transcript(messages: readonly ModelMessage[]): string {
  const line = (role: string, part: ContentPart): string =>
    part.type === 'text'
      ? `${role}: ${part.text}`
      : part.type === 'tool-call'
        ? `${role} called ${part.name} ${JSON.stringify(part.input)}`
        : part.type === 'tool-result'
          ? `tool result: ${part.content}`
          : // A provider's opaque block (a server-side compaction) has no text to summarize.
            `(${part.provider} block)`;
  return messages
    .map((message) => message.content.map((part) => line(message.role, part)).join('\n'))
    .join('\n');
}

/** Condenses the conversation with a cheap model, through the budget like any call. */
export async function compact(
  options: RunAgentOptions,
  messages: readonly ModelMessage[],
  compaction: NonNullable<ContextOptions['compaction']>,
  name: string,
  turn: number,
): Promise<{ summary: string; usage: Usage; cost: Nanodollars } | undefined> {
  const request: ModelRequest = {
    model: compaction.model ?? 'claude-haiku-4-5',
    tools: [],
    system: [
      'bursar-role: compact',
      'Summarize the conversation below for the agent that continues it. Keep every fact, name and number it established.',
    ],
    reference: [],
    messages: [
      {
        role: 'user',
        content: [
          {
            type: 'text',
            text: `${firstText(messages)}\n\nTranscript:\n${transcript(messages.slice(1))}`,
          },
        ],
      },
    ],
    maxTokens: compaction.maxTokens ?? 2048,
  };
  const held = await reserve(options, request, {
    cacheWrites: 'none',
    label: `${name} compaction at turn ${String(turn + 1)}`,
  });
  if (held === undefined) return undefined;
  const { reservation } = held;
  try {
    const response = await options.client.complete(
      request,
      options.signal === undefined ? {} : { signal: options.signal },
    );
    reservation.settle(response.usage);
    const summary = response.content
      .map((part) => (part.type === 'text' ? part.text : ''))
      .join('');
    return { summary, usage: response.usage, cost: reservation.spent.usd };
  } catch (error) {
    reservation.release();
    throw error;
  }
}
