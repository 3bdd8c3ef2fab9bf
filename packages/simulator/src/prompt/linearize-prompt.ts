import { createHash } from 'node:crypto';
import type { TokenCounter } from '../tokens/token-counter';
import type { MessageRequest, RequestContentBlock, RequestTool } from '../api/message-request';
import { contentBlockTokens, toolDefinitionTokens } from './content-block-tokens';

/** Which part of the prompt a block belongs to, in prefix order. */
export type PromptSection = 'tools' | 'system' | 'messages';

/** A cache TTL. */
export type CacheTtl = '5m' | '1h';

/** One block of the prompt in prefix order, with what caching needs to know. */
export interface PromptBlock {
  readonly section: PromptSection;
  /** Tokens of this block, framing included. */
  readonly tokens: number;
  /** Tokens of the prompt up to and including this block. */
  readonly cumulativeTokens: number;
  /** Lookback position: a run of tool_use / tool_result blocks shares one. */
  readonly position: number;
  /** Identity of the prefix ending at this block (hash chain). */
  readonly prefixHash: string;
  /** The block's cache_control TTL, when it is a breakpoint. */
  readonly breakpoint: CacheTtl | undefined;
}

/** The prompt as the cache and the bill see it. */
export interface LinearPrompt {
  readonly blocks: readonly PromptBlock[];
  readonly totalTokens: number;
  /** Indexes of blocks that carry a breakpoint, in order. */
  readonly breakpoints: readonly number[];
  /** Hash of each section's content alone, for cache diagnostics. */
  readonly sectionHashes: Readonly<Record<PromptSection, string>>;
  /** Hash of the other prompt-affecting parameters (`tool_choice`, `thinking`). */
  readonly parametersHash: string;
}

/** Tokens of framing: the request, each message, each tool definition. */
export const framingTokens = { request: 4, message: 3, tool: 8 } as const;

export { imageTokens } from './content-block-tokens';

const ttlOf = (block: object): CacheTtl | undefined => {
  const control = (block as { cache_control?: { ttl?: CacheTtl } | null }).cache_control;
  return control == null ? undefined : (control.ttl ?? '5m');
};

/**
 * Flattens a request into prompt blocks in prefix order (tools, system,
 * messages) with token counts and a prefix hash chain. The hash starts from the
 * model and speed (a change loses everything) and mixes `tool_choice` and
 * `thinking` in where messages start (a change there loses the messages only).
 *
 * Deferred tools (`defer_loading: true`) are not in the prompt: a
 * `tool_reference` that loads one costs its definition where it appears.
 * `system`-role messages (per-turn control) are read in place like the others.
 * The request is read as sent: context edits are applied before (see
 * `applyContextEdits`).
 *
 * @example
 * ```ts
 * const prompt = linearizePrompt(request, createTokenCounter());
 * prompt.totalTokens; // what count_tokens returns
 * ```
 */
export function linearizePrompt(request: MessageRequest, countTokens: TokenCounter): LinearPrompt {
  const blocks: PromptBlock[] = [];
  const breakpoints: number[] = [];
  let cumulative = 0;
  let position = -1;
  let previousWasToolBlock = false;
  let chain = digest(`model:${request.model}\nspeed:${request.speed ?? 'standard'}`);
  const sectionHash = {
    tools: createHash('sha1'),
    system: createHash('sha1'),
    messages: createHash('sha1'),
  };
  let pendingFraming: number = framingTokens.request;

  const push = (
    section: PromptSection,
    identity: string,
    tokens: number,
    breakpoint: CacheTtl | undefined,
    isToolBlock: boolean,
  ): void => {
    const total = tokens + pendingFraming;
    pendingFraming = 0;
    cumulative += total;
    if (!(isToolBlock && previousWasToolBlock)) position += 1;
    previousWasToolBlock = isToolBlock;
    chain = digest(`${chain}\n${identity}`);
    sectionHash[section].update(identity);
    if (breakpoint !== undefined) breakpoints.push(blocks.length);
    blocks.push({
      section,
      tokens: total,
      cumulativeTokens: cumulative,
      position,
      prefixHash: chain,
      breakpoint,
    });
  };

  const toolsByName = new Map<string, RequestTool>();
  for (const tool of request.tools ?? []) {
    toolsByName.set(tool.name, tool);
    if (tool.defer_loading === true) continue;
    pendingFraming += framingTokens.tool;
    push(
      'tools',
      `tool:${stableJson(withoutCacheControl(tool))}`,
      toolDefinitionTokens(tool, countTokens),
      ttlOf(tool),
      false,
    );
  }
  const blockContext = { countTokens, toolsByName };

  const system =
    typeof request.system === 'string'
      ? [{ type: 'text' as const, text: request.system }]
      : (request.system ?? []);
  for (const block of system) {
    push(
      'system',
      `system:${stableJson(withoutCacheControl(block))}`,
      countTokens(block.text),
      ttlOf(block),
      false,
    );
  }

  // tool_choice and thinking shape how messages are read: mixed in at their start.
  const parameters = `tool_choice:${stableJson(request.tool_choice ?? null)}\nthinking:${stableJson(request.thinking ?? null)}\n`;
  let messagesPreamble = parameters;
  const lastMessageIndex = request.messages.length - 1;
  request.messages.forEach((message, messageIndex) => {
    const content: readonly RequestContentBlock[] =
      typeof message.content === 'string'
        ? [{ type: 'text', text: message.content }]
        : message.content;
    pendingFraming += framingTokens.message;
    content.forEach((block, blockIndex) => {
      const isLast = messageIndex === lastMessageIndex && blockIndex === content.length - 1;
      // Top-level cache_control puts a breakpoint on the last block.
      const breakpoint =
        ttlOf(block) ??
        (isLast && request.cache_control != null ? (request.cache_control.ttl ?? '5m') : undefined);
      const isToolBlock = block.type === 'tool_use' || block.type === 'tool_result';
      push(
        'messages',
        `${messagesPreamble}${message.role}:${blockIndex === 0 ? 'start:' : ''}${stableJson(withoutCacheControl(block))}`,
        contentBlockTokens(block, blockContext),
        breakpoint,
        isToolBlock,
      );
      messagesPreamble = '';
    });
  });

  return {
    blocks,
    totalTokens: cumulative,
    breakpoints,
    sectionHashes: {
      tools: sectionHash.tools.digest('hex'),
      system: sectionHash.system.digest('hex'),
      messages: sectionHash.messages.digest('hex'),
    },
    parametersHash: digest(parameters),
  };
}

function withoutCacheControl(block: object): object {
  if (!('cache_control' in block)) return block;
  const rest: Record<string, unknown> = { ...(block as Record<string, unknown>) };
  delete rest['cache_control'];
  return rest;
}

/** JSON as sent: byte identity is what the cache keys on. */
function stableJson(value: unknown): string {
  // JSON.stringify(undefined) is undefined at run time, whatever its type says.
  return value === undefined ? 'null' : JSON.stringify(value);
}

function digest(text: string): string {
  return createHash('sha1').update(text).digest('base64');
}
