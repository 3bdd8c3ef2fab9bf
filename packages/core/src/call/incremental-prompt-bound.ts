import type { ModelClient } from '../model/model-client';
import type { ModelRequest } from '../model/model-request';

/** A request that was sent, and the prompt tokens it was billed for. */
export interface BilledPrompt {
  readonly request: ModelRequest;
  /** Input, cache writes and cache reads of its billed usage. */
  readonly tokens: number;
}

/**
 * A bound of `next`'s prompt tokens with no network call, far tighter than
 * the byte bound late in a conversation: the prompt `prior` was billed for,
 * plus a strict bound of what `next` appends to it. It holds only while
 * `next` extends `prior` unchanged: same model, tools, instructions,
 * reference and output settings, no provider options (a provider-side edit
 * bills less than was sent), and `prior`'s messages as its first messages
 * (the same objects). Otherwise (a pruned or compacted
 * conversation, a changed prefix) it is undefined and the caller falls back
 * to the byte bound or an exact count.
 *
 * The appended part is bounded as the client bounds a whole request: the
 * difference of the two requests' bounds, which for a bound that sums its
 * messages (the Anthropic client's does) is exactly the appended messages'
 * bytes and framing.
 *
 * @example
 * ```ts
 * const bound = incrementalPromptBound(client, { request: turn2, tokens: 9_400 }, turn3); // 9_400 + the new tool result's bound
 * ```
 */
export function incrementalPromptBound(
  client: ModelClient,
  prior: BilledPrompt,
  next: ModelRequest,
): number | undefined {
  const before = prior.request;
  if (
    before.model !== next.model ||
    before.tools !== next.tools ||
    !sameTexts(before.system, next.system) ||
    !sameTexts(before.reference, next.reference) ||
    before.toolChoice !== next.toolChoice ||
    before.outputSchema !== next.outputSchema ||
    // Provider-side context edits (cleared tool results, compaction) make the
    // billed prompt smaller than what was sent: no count can be carried over.
    before.providerOptions !== undefined ||
    next.providerOptions !== undefined ||
    before.messages.length > next.messages.length
  )
    return undefined;
  for (let index = 0; index < before.messages.length; index += 1)
    if (before.messages[index] !== next.messages[index]) return undefined;
  const appended = client.boundInputTokens(next) - client.boundInputTokens(before);
  return appended < 0 ? undefined : prior.tokens + appended;
}

function sameTexts(left: readonly string[], right: readonly string[]): boolean {
  return left.length === right.length && left.every((text, index) => text === right[index]);
}
