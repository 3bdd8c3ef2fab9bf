import type { ContentPart, ModelRequest } from '../model/model-request';
import type { ClassRates } from '../pricing/model-spec';
import { utf8ByteLength } from '../tokens/utf8-byte-bound';

/** How far back from a breakpoint the API looks for an earlier entry, in positions. */
const lookbackPositions = 20;
// Framing tokens the API adds: the request, each message, each tool definition.
const framing = { request: 4, message: 3, tool: 8 } as const;

/** What one request is expected to cost against the cache, in (estimated) tokens. */
export interface CacheEstimate {
  readonly read: number;
  readonly write5m: number;
  readonly write1h: number;
  readonly input: number;
}

interface Block {
  /** Identity of the prompt up to and including this block (a hash chain). */
  readonly prefix: string;
  /** Estimated tokens up to and including this block, scaled to the provider's count. */
  readonly cumulative: number;
  /** Lookback position: a run of tool calls and results shares one, as in the API. */
  readonly position: number;
  /** The breakpoint this block carries, if any. */
  readonly breakpoint: '5m' | '1h' | undefined;
  /** `[messageIndex, partIndex]` of a conversation block. */
  readonly part: [number, number] | undefined;
}

/**
 * What the provider's prompt cache holds of one conversation, as the agent
 * can know it from what it sent: an entry for each breakpoint a request wrote
 * (keyed by the identity of the prompt up to it), with the API's rules: a
 * request reads the longest entry found within 20 positions before one of its
 * breakpoints, writes every breakpoint past it, and nothing shorter than the
 * model's minimum cacheable prompt is cached. Token counts are estimates (four
 * bytes a token), scaled by what the provider reported for earlier requests.
 * Entries are assumed to live: each turn reads the last one within its TTL.
 *
 * @example
 * ```ts
 * const cache = new ConversationCache({ minCacheableTokens: 1024 });
 * cache.estimate(request); // { read: 0, write5m: 3_900, write1h: 0, input: 0 } the first time
 * cache.record(request, 3_912); // sent: its breakpoints are entries now
 * cache.estimate(nextRequest).read; // about 3,900
 * ```
 */
export class ConversationCache {
  private readonly entries = new Set<string>();
  private readonly minCacheableTokens: number;
  /** Reported tokens per estimated token, from the last request recorded. */
  private scale = 1;
  /** Each message part's hash and estimated tokens, computed once (parts are immutable). */
  private readonly parts = new WeakMap<ContentPart, { hash: string; tokens: number }>();

  constructor(options: { readonly minCacheableTokens: number }) {
    this.minCacheableTokens = options.minCacheableTokens;
  }

  /** Entries recorded so far. */
  get size(): number {
    return this.entries.size;
  }

  /** Tokens read, written and sent uncached if `request` were sent now. */
  estimate(request: ModelRequest): CacheEstimate {
    const blocks = this.linearize(request);
    const total = blocks.at(-1)?.cumulative ?? 0;
    const eligible = blocks.filter(
      (block) => block.breakpoint !== undefined && block.cumulative >= this.minCacheableTokens,
    );
    let read = 0;
    for (const breakpoint of eligible) read = Math.max(read, this.longestEntry(blocks, breakpoint));
    let covered = read;
    const written = { '5m': 0, '1h': 0 };
    for (const block of eligible) {
      if (block.breakpoint === undefined || block.cumulative <= covered) continue;
      written[block.breakpoint] += block.cumulative - covered;
      covered = block.cumulative;
    }
    const whole = (tokens: number): number => Math.max(0, Math.round(tokens));
    return {
      read: whole(read),
      write5m: whole(written['5m']),
      write1h: whole(written['1h']),
      input: whole(total - read - written['5m'] - written['1h']),
    };
  }

  /** Femtodollars `request` would cost now, output aside. */
  cost(request: ModelRequest, rates: ClassRates): bigint {
    const estimate = this.estimate(request);
    return (
      BigInt(estimate.read) * rates.cacheRead +
      BigInt(estimate.write5m) * rates.cacheWrite5m +
      BigInt(estimate.write1h) * rates.cacheWrite1h +
      BigInt(estimate.input) * rates.input
    );
  }

  /**
   * Records a request that was sent: its cacheable breakpoints are entries
   * now. With `promptTokens` (what the provider billed as the prompt), later
   * estimates are scaled to match it.
   */
  record(request: ModelRequest, promptTokens?: number): void {
    let blocks = this.linearize(request);
    const total = blocks.at(-1)?.cumulative ?? 0;
    if (promptTokens !== undefined && promptTokens > 0 && total > 0) {
      this.scale *= promptTokens / total;
      blocks = this.linearize(request);
    }
    for (const block of blocks) {
      if (block.breakpoint !== undefined && block.cumulative >= this.minCacheableTokens)
        this.entries.add(block.prefix);
    }
  }

  /**
   * Whether `request` is long enough to be cached at all (the model's minimum
   * cacheable prompt): shorter, it is sent uncached, and its breakpoints write nothing.
   */
  cacheable(request: ModelRequest): boolean {
    return (this.linearize(request).at(-1)?.cumulative ?? 0) >= this.minCacheableTokens;
  }

  /** The tokens of `text` as this conversation's provider counts them, estimated. */
  tokens(text: string): number {
    return Math.round(estimateTokens(text) * this.scale);
  }

  /** A copy that has also recorded `request`: what the cache would hold once it is sent. */
  after(request: ModelRequest): ConversationCache {
    const copy = new ConversationCache({ minCacheableTokens: this.minCacheableTokens });
    for (const entry of this.entries) copy.entries.add(entry);
    copy.scale = this.scale;
    copy.record(request);
    return copy;
  }

  /**
   * The conversation parts after which `request` would find an entry (within
   * the lookback of its last block), latest first, as `[messageIndex, partIndex]`.
   * An edit after one of them re-writes only what follows it.
   */
  cachedPoints(request: ModelRequest): [number, number][] {
    const blocks = this.linearize(request);
    const last = blocks.at(-1);
    if (last === undefined) return [];
    const points: [number, number][] = [];
    for (let index = blocks.length - 1; index >= 0; index -= 1) {
      const block = blocks[index];
      if (block === undefined || last.position - block.position >= lookbackPositions) break;
      if (
        block.part !== undefined &&
        this.entries.has(block.prefix) &&
        block.cumulative >= this.minCacheableTokens
      )
        points.push(block.part);
    }
    return points;
  }

  private longestEntry(blocks: readonly Block[], breakpoint: Block): number {
    const start = blocks.indexOf(breakpoint);
    for (let index = start; index >= 0; index -= 1) {
      const block = blocks[index];
      if (block === undefined || breakpoint.position - block.position >= lookbackPositions) break;
      if (this.entries.has(block.prefix) && block.cumulative >= this.minCacheableTokens)
        return block.cumulative;
    }
    return 0;
  }

  /** The prompt in prefix order as the cache sees it: one block per cacheable unit. */
  private linearize(request: ModelRequest): Block[] {
    const plan = request.cache ?? {};
    const blocks: Block[] = [];
    let chain = hashText(`model:${request.model}`);
    let cumulative = framing.request * this.scale;
    let position = -1;
    let previousWasTool = false;
    const push = (
      identity: string,
      tokens: number,
      breakpoint: Block['breakpoint'],
      isTool: boolean,
      part?: [number, number],
    ): void => {
      chain = hashText(`${chain}\n${identity}`);
      cumulative += tokens * this.scale;
      if (!(isTool && previousWasTool)) position += 1;
      previousWasTool = isTool;
      blocks.push({ prefix: chain, cumulative, position, breakpoint, part });
    };
    request.tools.forEach((tool, index) => {
      push(
        `tool:${JSON.stringify(tool)}`,
        framing.tool + estimateTokens(JSON.stringify(tool)),
        index === request.tools.length - 1 ? plan.tools : undefined,
        false,
      );
    });
    request.system.forEach((text, index) => {
      push(
        `system:${text}`,
        estimateTokens(text),
        index === request.system.length - 1 ? plan.system : undefined,
        false,
      );
    });
    request.reference.forEach((text, index) => {
      push(
        `reference:${text}`,
        estimateTokens(text),
        index === request.reference.length - 1 ? plan.reference : undefined,
        false,
      );
    });
    request.messages.forEach((message, messageIndex) => {
      const last = messageIndex === request.messages.length - 1;
      message.content.forEach((part, partIndex) => {
        const final = partIndex === message.content.length - 1;
        const known = this.parts.get(part) ?? {
          hash: hashText(JSON.stringify(part)),
          tokens: partTokens(part),
        };
        this.parts.set(part, known);
        push(
          `${message.role}:${partIndex === 0 ? 'start:' : ''}${known.hash}`,
          (partIndex === 0 ? framing.message : 0) + known.tokens,
          last && final ? plan.conversation : undefined,
          part.type === 'tool-call' || part.type === 'tool-result',
          [messageIndex, partIndex],
        );
      });
    });
    return blocks;
  }
}

/** About four bytes a token: a decision estimate, never a budget bound. */
export function estimateTokens(text: string): number {
  return Math.ceil(utf8ByteLength(text) / 4);
}

function partTokens(part: ContentPart): number {
  if (part.type === 'text') return estimateTokens(part.text);
  if (part.type === 'tool-call')
    return estimateTokens(`${part.name}\n${JSON.stringify(part.input)}`);
  if (part.type === 'tool-result') return estimateTokens(part.content);
  // Any other part (a block only its provider reads) counts as its JSON.
  return estimateTokens(JSON.stringify(part));
}

// cyrb53: a fast 53-bit string hash; an entry's identity only steers an estimate.
function hashText(text: string): string {
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (let index = 0; index < text.length; index += 1) {
    const code = text.charCodeAt(index);
    h1 = Math.imul(h1 ^ code, 2654435761);
    h2 = Math.imul(h2 ^ code, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return (4294967296 * (2097151 & h2) + (h1 >>> 0)).toString(36);
}
