import {
  governedCall,
  type GovernedCallOptions,
  type GovernedCallOutcome,
} from '../call/governed-call';
import type {
  AgentIdentity,
  ContentPart,
  ModelMessage,
  ModelRequest,
} from '../model/model-request';
import type { ContextOptions } from './run-agent';

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

/** What {@link compact} returns: the governed call's outcome, with the summary when it completed. */
export type CompactOutcome =
  | (Extract<GovernedCallOutcome, { status: 'completed' }> & { readonly summary: string })
  | Exclude<GovernedCallOutcome, { status: 'completed' }>;

/**
 * Condenses the conversation with a cheap model, as a governed call like any
 * other (held, retried, what a cut attempt billed charged), on behalf of the
 * agent `owner`.
 *
 * @example
 * ```ts
 * const compacted = await compact(call, messages, { thresholdTokens: 60_000 }, { id: 'single', role: 'single' });
 * if (compacted.status === 'completed') console.log(compacted.summary);
 * ```
 */
export async function compact(
  call: Omit<GovernedCallOptions, 'request'>,
  messages: readonly ModelMessage[],
  compaction: NonNullable<ContextOptions['compaction']>,
  owner: AgentIdentity,
): Promise<CompactOutcome> {
  const request: ModelRequest = {
    model: compaction.model ?? 'claude-haiku-4-5',
    tools: [],
    system: [
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
    agent: {
      id: `${owner.id}/compact`,
      role: 'compact',
      ...(owner.subtask === undefined ? {} : { subtask: owner.subtask }),
    },
  };
  const outcome = await governedCall({ ...call, request });
  if (outcome.status !== 'completed') return outcome;
  const summary = outcome.response.content
    .map((part) => (part.type === 'text' ? part.text : ''))
    .join('');
  return { ...outcome, summary };
}
