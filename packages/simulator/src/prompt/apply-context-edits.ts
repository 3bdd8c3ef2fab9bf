import type {
  ContextEdit,
  MessageRequest,
  RequestContentBlock,
  RequestMessage,
  RequestTool,
} from '../api/message-request';
import type { TokenCounter } from '../tokens/token-counter';
import { contentBlockTokens, type BlockTokenContext } from './content-block-tokens';
import { linearizePrompt } from './linearize-prompt';

/** An edit the API reports in `context_management.applied_edits`. */
export type AppliedContextEdit =
  | {
      type: 'clear_thinking_20251015';
      cleared_thinking_turns: number;
      cleared_input_tokens: number;
    }
  | { type: 'clear_tool_uses_20250919'; cleared_tool_uses: number; cleared_input_tokens: number };

/** The request as the model sees it, and the edits that made it so. */
export interface EditedRequest {
  readonly request: MessageRequest;
  readonly appliedEdits: readonly AppliedContextEdit[];
}

/** What a cleared tool result reads as (the API's own wording is not documented). */
export const clearedToolResultText = '[tool result cleared by context management]';

/** Defaults of `clear_tool_uses_20250919` (API-FACTS.md, "Context management"). */
export const clearToolUsesDefaults = { triggerInputTokens: 100_000, keepToolUses: 3 } as const;

/**
 * What the model reads of a request, before the cache and the bill look at it:
 *
 * - a `system`-role message with `clear_at: "next_user_message"` is gone once
 *   a later user message exists (it stays in the array, unseen and unbilled);
 * - `clear_thinking_20251015` drops thinking blocks from all but the last
 *   `keep` assistant turns that have any (default 1 turn; `"all"` keeps all);
 * - `clear_tool_uses_20250919`, once the prompt passes its trigger (default
 *   100,000 input tokens), replaces the results of all but the last `keep`
 *   tool uses (default 3) with a short placeholder, and their inputs too with
 *   `clear_tool_inputs`; `exclude_tools` are kept; with `clear_at_least`,
 *   nothing is cleared unless that many tokens would be.
 *
 * Edits apply in the order given. Other edits (`compact_20260112`) are
 * accepted and not performed. Clearing changes the prompt from the first
 * cleared block on, so the cache reads at most up to there.
 *
 * @example
 * ```ts
 * const { request: seen, appliedEdits } = applyContextEdits(request, countTokens);
 * linearizePrompt(seen, countTokens); // what is billed
 * ```
 */
export function applyContextEdits(
  request: MessageRequest,
  countTokens: TokenCounter,
): EditedRequest {
  let messages = retireSystemMessages(request.messages);
  const toolsByName = new Map<string, RequestTool>(
    (request.tools ?? []).map((tool) => [tool.name, tool]),
  );
  const context: BlockTokenContext = { countTokens, toolsByName };
  const appliedEdits: AppliedContextEdit[] = [];
  for (const edit of request.context_management?.edits ?? []) {
    const outcome = applyEdit(edit, { ...request, messages }, context);
    if (outcome === undefined) continue;
    messages = outcome.messages;
    appliedEdits.push(outcome.applied);
  }
  return {
    request: messages === request.messages ? request : { ...request, messages },
    appliedEdits,
  };
}

function retireSystemMessages(messages: readonly RequestMessage[]): RequestMessage[] {
  const lastUser = messages.map((message) => message.role).lastIndexOf('user');
  const kept = messages.filter(
    (message, index) =>
      !(message.role === 'system' && message.clear_at === 'next_user_message' && index < lastUser),
  );
  return kept.length === messages.length ? (messages as RequestMessage[]) : kept;
}

function applyEdit(
  edit: ContextEdit,
  request: MessageRequest,
  context: BlockTokenContext,
): { messages: RequestMessage[]; applied: AppliedContextEdit } | undefined {
  if (edit.type === 'clear_thinking_20251015' && 'keep' in edit)
    return clearThinking(request.messages, edit.keep, context);
  if (edit.type === 'clear_thinking_20251015')
    return clearThinking(request.messages, undefined, context);
  // The edit schema ends in a catch-all for edits the simulator does not perform,
  // so its type does not narrow: the schema checked these fields.
  if (edit.type === 'clear_tool_uses_20250919')
    return clearToolUses(edit as unknown as ClearToolUsesEdit, request, context);
  return undefined;
}

type ThinkingKeep = { type: 'thinking_turns'; value: number } | { type: 'all' } | 'all' | undefined;

function clearThinking(
  messages: readonly RequestMessage[],
  keep: unknown,
  context: BlockTokenContext,
): { messages: RequestMessage[]; applied: AppliedContextEdit } | undefined {
  const wanted = keep as ThinkingKeep;
  if (wanted === 'all' || (typeof wanted === 'object' && wanted.type === 'all')) return undefined;
  const keepTurns = wanted?.value ?? 1;
  const isThinking = (block: RequestContentBlock): boolean =>
    block.type === 'thinking' || block.type === 'redacted_thinking';
  const turns = messages.flatMap((message, index) =>
    message.role === 'assistant' &&
    typeof message.content !== 'string' &&
    message.content.some(isThinking)
      ? [index]
      : [],
  );
  const cleared = new Set(turns.slice(0, Math.max(0, turns.length - keepTurns)));
  if (cleared.size === 0) return undefined;
  let clearedTokens = 0;
  const edited = messages.map((message, index) => {
    if (!cleared.has(index) || typeof message.content === 'string') return message;
    for (const block of message.content)
      if (isThinking(block)) clearedTokens += contentBlockTokens(block, context);
    return { ...message, content: message.content.filter((block) => !isThinking(block)) };
  });
  return {
    messages: edited,
    applied: {
      type: 'clear_thinking_20251015',
      cleared_thinking_turns: cleared.size,
      cleared_input_tokens: clearedTokens,
    },
  };
}

interface ClearToolUsesEdit {
  readonly trigger?: { type: 'input_tokens' | 'tool_uses'; value: number } | null | undefined;
  readonly keep?: { type: 'tool_uses'; value: number } | null | undefined;
  readonly clear_at_least?: { type: 'input_tokens'; value: number } | null | undefined;
  readonly clear_tool_inputs?: boolean | readonly string[] | null | undefined;
  readonly exclude_tools?: readonly string[] | null | undefined;
}

function clearToolUses(
  edit: ClearToolUsesEdit,
  request: MessageRequest,
  context: BlockTokenContext,
): { messages: RequestMessage[]; applied: AppliedContextEdit } | undefined {
  // Every tool call of the conversation, in order, with where its result is.
  const uses: { name: string; id: string }[] = [];
  request.messages.forEach((message) => {
    if (message.role !== 'assistant' || typeof message.content === 'string') return;
    for (const block of message.content)
      if (block.type === 'tool_use')
        uses.push({ name: String(block['name']), id: String(block['id']) });
  });
  const trigger = edit.trigger ?? {
    type: 'input_tokens',
    value: clearToolUsesDefaults.triggerInputTokens,
  };
  const reached =
    trigger.type === 'tool_uses'
      ? uses.length > trigger.value
      : linearizePrompt(request, context.countTokens).totalTokens > trigger.value;
  if (!reached) return undefined;

  const keep = edit.keep?.value ?? clearToolUsesDefaults.keepToolUses;
  const excluded = new Set(edit.exclude_tools ?? []);
  const clearable = uses
    .slice(0, Math.max(0, uses.length - keep))
    .filter((use) => !excluded.has(use.name));
  if (clearable.length === 0) return undefined;
  const clearedIds = new Set(clearable.map((use) => use.id));
  const clearInputs = (name: string): boolean =>
    edit.clear_tool_inputs === true ||
    (Array.isArray(edit.clear_tool_inputs) && edit.clear_tool_inputs.includes(name));

  let clearedTokens = 0;
  const placeholderTokens = context.countTokens(clearedToolResultText);
  const edited = request.messages.map((message) => {
    if (typeof message.content === 'string') return message;
    const original = message.content;
    const content = original.map((block) => {
      if (block.type === 'tool_result' && clearedIds.has(String(block['tool_use_id']))) {
        clearedTokens += Math.max(0, contentBlockTokens(block, context) - placeholderTokens);
        return { ...block, content: clearedToolResultText };
      }
      if (
        block.type === 'tool_use' &&
        clearedIds.has(String(block['id'])) &&
        clearInputs(String(block['name']))
      ) {
        clearedTokens += Math.max(
          0,
          contentBlockTokens(block, context) - contentBlockTokens({ ...block, input: {} }, context),
        );
        return { ...block, input: {} };
      }
      return block;
    });
    return content.some((block, index) => block !== original[index])
      ? { ...message, content }
      : message;
  });
  if (edit.clear_at_least != null && clearedTokens < edit.clear_at_least.value) return undefined;
  return {
    messages: edited,
    applied: {
      type: 'clear_tool_uses_20250919',
      cleared_tool_uses: clearable.length,
      cleared_input_tokens: clearedTokens,
    },
  };
}
