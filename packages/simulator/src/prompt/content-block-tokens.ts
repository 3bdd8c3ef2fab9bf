import type { RequestTool } from '../api/message-request';
import type { TokenCounter } from '../tokens/token-counter';
import { thinkingTokensOfSignature } from '../tokens/thinking-signature';

/**
 * Tokens an image costs when its size is unknown: (width x height) / 750 for a
 * picture of about 1.15 megapixels, the size the API scales large images to.
 */
export const imageTokens = 1600;

/** What counting a block needs besides the block. */
export interface BlockTokenContext {
  readonly countTokens: TokenCounter;
  /** Tool definitions by name: a `tool_reference` costs the definition it loads. */
  readonly toolsByName: ReadonlyMap<string, RequestTool>;
}

/**
 * Prompt tokens of one content block of a message (framing excluded), as the
 * bill and `count_tokens` see it. Blocks are read by field name, since block
 * types the simulator does not model pass through validation.
 *
 * - text, thinking (at least the tokens its simulator signature records: the
 *   thinking done, whatever the display), tool calls (name and JSON input,
 *   server tool calls too), tool results (their parts), documents;
 * - server tool results: search results' title, URL and page text; a fetched
 *   document's text; a tool search's references as the definitions they load;
 * - `tool_reference` and `tool_addition`: the tool definition they bring in;
 * - anything else: its JSON.
 *
 * @example
 * ```ts
 * contentBlockTokens({ type: 'text', text: 'Hello' }, { countTokens, toolsByName: new Map() }); // 1
 * ```
 */
export function contentBlockTokens(block: object, context: BlockTokenContext): number {
  const { countTokens } = context;
  const fields = block as Record<string, unknown>;
  const text = (name: string): string => (typeof fields[name] === 'string' ? fields[name] : '');
  switch (fields['type']) {
    case 'text':
      return countTokens(text('text'));
    case 'image':
      return imageTokens;
    case 'tool_use':
    case 'server_tool_use':
      return countTokens(`${text('name')}\n${stableJson(fields['input'])}`);
    case 'tool_result': {
      const content = fields['content'];
      if (typeof content === 'string') return countTokens(content);
      return sumParts(content, context);
    }
    case 'thinking':
      return Math.max(
        countTokens(text('thinking')),
        thinkingTokensOfSignature(fields['signature']) ?? 0,
      );
    case 'document':
      return documentTokens(fields, countTokens);
    case 'tool_reference':
      return referencedToolTokens(text('tool_name'), context) ?? countTokens(stableJson(block));
    case 'tool_addition': {
      const tool = fields['tool'] as { type?: unknown; definition?: unknown; name?: unknown };
      if (tool.type === 'tool_definition' && typeof tool.definition === 'object')
        return toolDefinitionTokens(tool.definition as RequestTool, countTokens);
      if (typeof tool.name === 'string')
        return referencedToolTokens(tool.name, context) ?? countTokens(stableJson(block));
      return countTokens(stableJson(block));
    }
    case 'web_search_tool_result': {
      const content = fields['content'];
      if (!Array.isArray(content)) return countTokens(stableJson(content));
      let tokens = 0;
      for (const result of content as Record<string, unknown>[]) {
        const page = decodeSimulatedPage(result['encrypted_content']);
        tokens += countTokens(
          `${stringField(result, 'title')}\n${stringField(result, 'url')}\n${page ?? stableJson(result['encrypted_content'])}`,
        );
      }
      return tokens;
    }
    case 'web_fetch_tool_result': {
      const content = fields['content'] as Record<string, unknown> | undefined;
      const document = content?.['content'];
      if (content?.['type'] === 'web_fetch_result' && typeof document === 'object')
        return (
          countTokens(stringField(content, 'url')) +
          documentTokens(document as Record<string, unknown>, countTokens)
        );
      return countTokens(stableJson(content));
    }
    case 'tool_search_tool_result': {
      const content = fields['content'] as { tool_references?: unknown } | undefined;
      if (!Array.isArray(content?.tool_references)) return countTokens(stableJson(content));
      return sumParts(content.tool_references, context);
    }
    default:
      return countTokens(stableJson(withoutCacheControl(block)));
  }
}

/**
 * Tokens of a tool definition in the prompt: name, description and input
 * schema for a custom tool, the JSON of a server tool's definition.
 *
 * @example
 * ```ts
 * toolDefinitionTokens({ name: 'get_weather', input_schema: { type: 'object' } }, countTokens);
 * ```
 */
export function toolDefinitionTokens(tool: RequestTool, countTokens: TokenCounter): number {
  if (tool.input_schema === undefined) return countTokens(stableJson(withoutCacheControl(tool)));
  return countTokens(`${tool.name}\n${tool.description ?? ''}\n${stableJson(tool.input_schema)}`);
}

const simulatedPagePrefix = 'simpage1:';

/**
 * The `encrypted_content` of a search result the simulator made: its page text,
 * encoded. Only the simulator reads it back (to bill it), as only the API reads
 * its own.
 *
 * @example
 * ```ts
 * decodeSimulatedPage(encodeSimulatedPage('Quiet river.')); // 'Quiet river.'
 * ```
 */
export function encodeSimulatedPage(text: string): string {
  return `${simulatedPagePrefix}${Buffer.from(text, 'utf8').toString('base64url')}`;
}

/** The page text of {@link encodeSimulatedPage}, or `undefined` for other content. */
export function decodeSimulatedPage(encrypted: unknown): string | undefined {
  if (typeof encrypted !== 'string' || !encrypted.startsWith(simulatedPagePrefix)) return undefined;
  return Buffer.from(encrypted.slice(simulatedPagePrefix.length), 'base64url').toString('utf8');
}

function stringField(record: Record<string, unknown>, name: string): string {
  const value = record[name];
  return typeof value === 'string' ? value : '';
}

function sumParts(parts: unknown, context: BlockTokenContext): number {
  if (!Array.isArray(parts)) return 0;
  let tokens = 0;
  for (const part of parts as unknown[])
    if (typeof part === 'object' && part !== null) tokens += contentBlockTokens(part, context);
  return tokens;
}

function referencedToolTokens(name: string, context: BlockTokenContext): number | undefined {
  const tool = context.toolsByName.get(name);
  return tool === undefined ? undefined : toolDefinitionTokens(tool, context.countTokens);
}

function documentTokens(fields: Record<string, unknown>, countTokens: TokenCounter): number {
  const source = fields['source'] as { type?: unknown; data?: unknown } | undefined;
  if (source?.type === 'text' && typeof source.data === 'string') return countTokens(source.data);
  // A base64 PDF: about one token per four bytes of its decoded content.
  if (typeof source?.data === 'string') return Math.ceil((source.data.length * 3) / 4 / 4);
  return countTokens(stableJson(fields));
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
