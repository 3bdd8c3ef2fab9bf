import type { LinearPrompt } from '../prompt/linearize-prompt';

interface PreviousRequest {
  readonly modelKey: string;
  readonly tools: string;
  readonly system: string;
  readonly parameters: string;
  readonly lastPrefixHash: string | undefined;
  readonly cachedPrefixTokens: number;
}

/** The API's `cache_miss_reason`. */
export type CacheMissReason =
  | {
      type: 'model_changed' | 'system_changed' | 'tools_changed' | 'messages_changed';
      cache_missed_input_tokens: number;
    }
  | { type: 'previous_message_not_found' }
  | { type: 'unavailable' };

const maxRemembered = 50_000;

/**
 * Remembers enough of each response's request to explain a later cache miss
 * (cache diagnostics: `diagnostics.previous_message_id` -> `cache_miss_reason`).
 *
 * @example
 * ```ts
 * store.remember(message.id, { modelKey, prompt, cachedPrefixTokens });
 * store.explain(previousId, { modelKey, prompt, cacheRead });
 * ```
 */
export class DiagnosticsStore {
  private readonly previous = new Map<string, PreviousRequest>();

  remember(
    messageId: string,
    request: { modelKey: string; prompt: LinearPrompt; cachedPrefixTokens: number },
  ): void {
    if (this.previous.size >= maxRemembered) {
      const oldest = this.previous.keys().next().value;
      if (oldest !== undefined) this.previous.delete(oldest);
    }
    this.previous.set(messageId, {
      modelKey: request.modelKey,
      tools: request.prompt.sectionHashes.tools,
      system: request.prompt.sectionHashes.system,
      parameters: request.prompt.parametersHash,
      lastPrefixHash: request.prompt.blocks.at(-1)?.prefixHash,
      cachedPrefixTokens: request.cachedPrefixTokens,
    });
  }

  /** Why this request read less than the previous one left cached, or null when it did not. */
  explain(
    previousMessageId: string,
    current: { modelKey: string; prompt: LinearPrompt; cacheRead: number },
  ): CacheMissReason | null {
    const previous = this.previous.get(previousMessageId);
    if (previous === undefined) return { type: 'previous_message_not_found' };
    const missed = Math.max(0, previous.cachedPrefixTokens - current.cacheRead);
    if (previous.modelKey !== current.modelKey)
      return { type: 'model_changed', cache_missed_input_tokens: missed };
    if (missed === 0) return null;
    if (previous.tools !== current.prompt.sectionHashes.tools)
      return { type: 'tools_changed', cache_missed_input_tokens: missed };
    if (previous.system !== current.prompt.sectionHashes.system)
      return { type: 'system_changed', cache_missed_input_tokens: missed };
    // Other prompt-affecting parameters (tool_choice, thinking): the API gives no diagnosis.
    if (previous.parameters !== current.prompt.parametersHash) return { type: 'unavailable' };
    const extendsPrevious = current.prompt.blocks.some(
      (block) => block.prefixHash === previous.lastPrefixHash,
    );
    if (!extendsPrevious) return { type: 'messages_changed', cache_missed_input_tokens: missed };
    // Same content, less read: the entry expired or was never readable.
    return { type: 'unavailable' };
  }

  clear(): void {
    this.previous.clear();
  }
}
