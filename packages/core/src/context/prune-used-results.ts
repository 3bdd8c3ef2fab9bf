import type { ContentPart, ModelMessage } from '../model/model-request';
import { estimateTokens } from './conversation-cache';

/** Starts every pruned result's note. */
export const prunedMarker = '[pruned]';

/** A tool result the model has already answered after: pruning it loses nothing. */
export interface UsedResult {
  readonly messageIndex: number;
  readonly partIndex: number;
  readonly toolCallId: string;
  readonly tool: string;
  /** Estimated tokens of the result. */
  readonly tokens: number;
}

/**
 * The tool results of `messages` the model has answered after (a later
 * assistant message exists), not yet pruned and of at least `minimumTokens`
 * (by `countTokens`, four bytes a token by default), in conversation order.
 * The results of the last user message
 * before the model's next answer are never among them: they are not used yet.
 *
 * @example
 * ```ts
 * usedResults(messages, 100).map((result) => result.toolCallId); // ['toolu_1', 'toolu_2']
 * ```
 */
export function usedResults(
  messages: readonly ModelMessage[],
  minimumTokens: number,
  countTokens: (text: string) => number = estimateTokens,
): UsedResult[] {
  const lastAssistant = messages.map((message) => message.role).lastIndexOf('assistant');
  const toolNames = new Map<string, string>();
  const used: UsedResult[] = [];
  messages.forEach((message, messageIndex) => {
    message.content.forEach((part, partIndex) => {
      if (part.type === 'tool-call') toolNames.set(part.id, part.name);
      if (
        messageIndex < lastAssistant &&
        part.type === 'tool-result' &&
        !part.content.startsWith(prunedMarker)
      ) {
        const tokens = countTokens(part.content);
        if (tokens >= minimumTokens) {
          used.push({
            messageIndex,
            partIndex,
            toolCallId: part.toolCallId,
            tool: toolNames.get(part.toolCallId) ?? 'tool',
            tokens,
          });
        }
      }
    });
  });
  return used;
}

/**
 * The note a pruned result leaves: what it was, how big, and the artifact id
 * the `recall` tool reads it back with.
 *
 * @example
 * ```ts
 * prunedNote('search', 1_964, 'a3'); // '[pruned] search result (1964 tokens) is artifact a3: recall it to read it again.'
 * ```
 */
export function prunedNote(tool: string, tokens: number, artifactId: string): string {
  return `${prunedMarker} ${tool} result, ${String(tokens)} tokens: recall ${artifactId}`;
}

/**
 * `messages` with each of `results` replaced by its note (`artifactIds[i]`
 * names `results[i]`); everything else is kept as it is, by reference.
 *
 * @example
 * ```ts
 * const edited = pruneResults(messages, used, used.map((result) => store.put(result.tool, contentOf(result))));
 * ```
 */
export function pruneResults(
  messages: readonly ModelMessage[],
  results: readonly UsedResult[],
  artifactIds: readonly string[],
): ModelMessage[] {
  const notes = new Map<string, string>();
  results.forEach((result, index) => {
    notes.set(
      `${String(result.messageIndex)}:${String(result.partIndex)}`,
      prunedNote(result.tool, result.tokens, artifactIds[index] ?? '?'),
    );
  });
  return messages.map((message, messageIndex) => {
    if (!results.some((result) => result.messageIndex === messageIndex)) return message;
    const content = message.content.map((part, partIndex): ContentPart => {
      const note = notes.get(`${String(messageIndex)}:${String(partIndex)}`);
      return note === undefined || part.type !== 'tool-result' ? part : { ...part, content: note };
    });
    return { role: message.role, content };
  });
}

/** The text of a tool result part, by its position. */
export function resultContent(messages: readonly ModelMessage[], result: UsedResult): string {
  const part = messages[result.messageIndex]?.content[result.partIndex];
  return part?.type === 'tool-result' ? part.content : '';
}
