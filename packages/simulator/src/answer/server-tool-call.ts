import { encodeSimulatedPage } from '../prompt/content-block-tokens';
import { ANSWER_WORDS } from './answer-words';
import { generateProse } from './generate-prose';
import type { SeededRandom } from './seeded-random';
import { truncateToTokens } from './truncate-to-tokens';

/** The server tools the simulated model runs: search and fetch. */
export type ServerToolKind = 'web_search' | 'web_fetch';

/** A server tool's call, as the API puts it in the response. */
export interface ServerToolUseContentBlock {
  type: 'server_tool_use';
  id: string;
  name: ServerToolKind;
  input: Record<string, unknown>;
}

/** One search hit of a `web_search_tool_result`. */
export interface WebSearchResult {
  type: 'web_search_result';
  url: string;
  title: string;
  /** The page text, encoded; billed as input, opaque to the client (as the API's is). */
  encrypted_content: string;
  page_age: string | null;
}

/** A server tool's result, in the same response right after its call. */
export type ServerToolResultContentBlock =
  | { type: 'web_search_tool_result'; tool_use_id: string; content: WebSearchResult[] }
  | {
      type: 'web_fetch_tool_result';
      tool_use_id: string;
      content: {
        type: 'web_fetch_result';
        url: string;
        retrieved_at: string | null;
        content: {
          type: 'document';
          source: { type: 'text'; media_type: 'text/plain'; data: string };
          title: string | null;
          citations: null;
        };
      };
    };

/**
 * Which server tool a tool definition is (`web_search_20250305`,
 * `web_search_20260209`, `web_fetch_20250910`, ...), or `undefined` for any
 * other tool.
 *
 * @example
 * ```ts
 * serverToolKind({ type: 'web_search_20250305' }); // 'web_search'
 * serverToolKind({ name: 'get_weather' }); // undefined
 * ```
 */
export function serverToolKind(tool: {
  readonly type?: string | undefined;
}): ServerToolKind | undefined {
  const type = tool.type ?? '';
  if (type.startsWith('web_search_')) return 'web_search';
  if (type.startsWith('web_fetch_')) return 'web_fetch';
  return undefined;
}

/**
 * Runs a server tool as the simulated API: a search returns three to five
 * pages of 300 to 700 words each, a fetch one page of 400 to 1,200 words (cut
 * to `max_content_tokens` when the tool sets it). The call and its result
 * come back in the same response; the call is output, the result is input
 * (billed as the API bills search results).
 *
 * @example
 * ```ts
 * const [call, result] = runServerTool('web_search', random, { countTokens });
 * call.input; // { query: '…' }
 * ```
 */
export function runServerTool(
  kind: ServerToolKind,
  random: SeededRandom,
  options: { maxContentTokens?: number | undefined; countTokens: (text: string) => number },
): [ServerToolUseContentBlock, ServerToolResultContentBlock] {
  const id = `srvtoolu_01${random.identifier(22)}`;
  if (kind === 'web_search') {
    const query = words(random, random.integer(2, 5));
    const results: WebSearchResult[] = [];
    const count = random.integer(3, 5);
    for (let index = 0; index < count; index += 1) {
      results.push({
        type: 'web_search_result',
        url: pageUrl(random),
        title: title(random),
        encrypted_content: encodeSimulatedPage(generateProse(random, random.integer(300, 700))),
        page_age: null,
      });
    }
    return [
      { type: 'server_tool_use', id, name: 'web_search', input: { query } },
      { type: 'web_search_tool_result', tool_use_id: id, content: results },
    ];
  }
  const url = pageUrl(random);
  let data = generateProse(random, random.integer(400, 1200));
  const limit = options.maxContentTokens;
  // Cut at a word boundary: the same rule as a cut answer.
  if (limit !== undefined) data = truncateToTokens(data, limit, options.countTokens).text;
  return [
    { type: 'server_tool_use', id, name: 'web_fetch', input: { url } },
    {
      type: 'web_fetch_tool_result',
      tool_use_id: id,
      content: {
        type: 'web_fetch_result',
        url,
        retrieved_at: null,
        content: {
          type: 'document',
          source: { type: 'text', media_type: 'text/plain', data },
          title: title(random),
          citations: null,
        },
      },
    },
  ];
}

function words(random: SeededRandom, count: number): string {
  const picked: string[] = [];
  for (let index = 0; index < count; index += 1) picked.push(random.pick(ANSWER_WORDS));
  return picked.join(' ');
}

function title(random: SeededRandom): string {
  return words(random, random.integer(2, 6)).replace(/(^|\s)\S/g, (letter) => letter.toUpperCase());
}

function pageUrl(random: SeededRandom): string {
  // example.com is reserved for documentation (RFC 2606): a client that follows it goes nowhere.
  return `https://example.com/${words(random, random.integer(1, 3)).replace(/\s+/g, '-')}`;
}
