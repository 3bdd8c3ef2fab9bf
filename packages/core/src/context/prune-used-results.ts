import type { ContentPart, ModelMessage } from '../model/model-request';
import type { ClassRates } from '../pricing/model-spec';
import { utf8ByteLength } from '../tokens/utf8-byte-bound';
import type { ArtifactStore } from './artifact-store';

/** Options of {@link pruneUsedResults}. */
export interface PruneOptions {
  /** Results smaller than this many (estimated) tokens are left alone. @default 200 */
  readonly minResultTokens?: number;
  /**
   * Prune only once the used results add up to this many (estimated) tokens.
   * Each pruning re-writes the cache from the edit point on, so pruning every
   * turn would leave nothing to read; chunks let the cache live in between.
   * @default 8000
   */
  readonly minChunkTokens?: number;
}

/** What a pruning pass did, and the arithmetic behind it. */
export interface PruneDecision {
  readonly messages: readonly ModelMessage[];
  readonly pruned: readonly {
    readonly artifactId: string;
    readonly tool: string;
    readonly tokens: number;
  }[];
  /** Femtodollars saved over the remaining turns by reading less. */
  readonly savings: bigint;
  /** Femtodollars of writing the conversation after the edit point again. */
  readonly rewriteCost: bigint;
}

// About four bytes a token: a decision estimate, never a budget bound.
const estimateTokens = (text: string): number => Math.ceil(utf8ByteLength(text) / 4);

/**
 * Replaces tool results the model has already answered after (used) with a
 * short note and an artifact id the agent can recall, when that pays: pruning
 * edits the cached conversation, so everything after the first pruned result
 * is written again once. With R turns left, P tokens pruned and A tokens after
 * the edit point, it prunes when
 * `(A - P) x write + (R - 1) x (A - P) x read < R x A x read`.
 * A result the model has not answered after is never pruned, and nothing is pruned until the used results add up to `minChunkTokens` (8,000 by default): pruning every turn would invalidate the entry the last turn wrote, leaving nothing to read.
 *
 * @example
 * ```ts
 * const decision = pruneUsedResults(messages, { store, rates, remainingTurns: 12 });
 * if (decision.pruned.length > 0) messages = decision.messages;
 * ```
 */
export function pruneUsedResults(
  messages: readonly ModelMessage[],
  context: {
    store: ArtifactStore;
    rates: ClassRates;
    remainingTurns: number;
    options?: PruneOptions;
  },
): PruneDecision {
  const minimum = context.options?.minResultTokens ?? 200;
  const lastAssistant = messages.map((message) => message.role).lastIndexOf('assistant');
  const toolNames = new Map<string, string>();
  for (const message of messages) {
    for (const part of message.content)
      if (part.type === 'tool-call') toolNames.set(part.id, part.name);
  }
  // Candidates: large results in messages the model has answered after.
  const candidates: { messageIndex: number; partIndex: number; tokens: number }[] = [];
  messages.forEach((message, messageIndex) => {
    if (messageIndex >= lastAssistant) return;
    message.content.forEach((part, partIndex) => {
      if (part.type === 'tool-result' && !part.content.startsWith(prunedMarker)) {
        const tokens = estimateTokens(part.content);
        if (tokens >= minimum) candidates.push({ messageIndex, partIndex, tokens });
      }
    });
  });
  const first = candidates[0];
  if (first === undefined) return { messages, pruned: [], savings: 0n, rewriteCost: 0n };

  const chunk = candidates.reduce((sum, candidate) => sum + candidate.tokens, 0);
  if (chunk < (context.options?.minChunkTokens ?? 8000))
    return { messages, pruned: [], savings: 0n, rewriteCost: 0n };
  const pruned = BigInt(chunk);
  const after = BigInt(
    messages
      .slice(first.messageIndex)
      .reduce((sum, message) => sum + estimateTokens(JSON.stringify(message.content)), 0),
  );
  const { pays, savings, rewriteCost } = pruningPays({
    prunedTokens: pruned,
    tokensAfterEditPoint: after,
    remainingTurns: context.remainingTurns,
    rates: context.rates,
  });
  if (!pays) return { messages, pruned: [], savings: 0n, rewriteCost };

  const done: { artifactId: string; tool: string; tokens: number }[] = [];
  const edited = messages.map((message, messageIndex) => {
    if (!candidates.some((candidate) => candidate.messageIndex === messageIndex)) return message;
    const content = message.content.map((part, partIndex): ContentPart => {
      const candidate = candidates.find(
        (entry) => entry.messageIndex === messageIndex && entry.partIndex === partIndex,
      );
      if (candidate === undefined || part.type !== 'tool-result') return part;
      const tool = toolNames.get(part.toolCallId) ?? 'tool';
      const artifactId = context.store.put(tool, part.content);
      done.push({ artifactId, tool, tokens: candidate.tokens });
      return {
        ...part,
        content: `${prunedMarker} result of ${tool} (about ${String(candidate.tokens)} tokens) set aside as ${artifactId}; call recall with { "artifactId": "${artifactId}" } to read it again.`,
      };
    });
    return { role: message.role, content };
  });
  return { messages: edited, pruned: done, savings, rewriteCost };
}

/**
 * The pruning arithmetic alone: with R turns left, P tokens pruned and A tokens
 * from the edit point on, pruning pays when
 * `(A - P) x write + (R - 1) x (A - P) x read < R x A x read` (femtodollars).
 *
 * @example
 * ```ts
 * pruningPays({ prunedTokens: 2000n, tokensAfterEditPoint: 3000n, remainingTurns: 6, rates }).pays; // true on sonnet-4-6
 * ```
 */
export function pruningPays(options: {
  prunedTokens: bigint;
  tokensAfterEditPoint: bigint;
  remainingTurns: number;
  rates: ClassRates;
}): { pays: boolean; savings: bigint; rewriteCost: bigint } {
  const { prunedTokens, tokensAfterEditPoint: after, rates } = options;
  const turns = BigInt(Math.max(0, Math.floor(options.remainingTurns)));
  const kept = after > prunedTokens ? after - prunedTokens : 0n;
  const withPruning =
    kept * rates.cacheWrite5m + (turns > 0n ? turns - 1n : 0n) * kept * rates.cacheRead;
  const without = turns * after * rates.cacheRead;
  return {
    pays: withPruning < without,
    savings: without > withPruning ? without - withPruning : 0n,
    rewriteCost: kept * (rates.cacheWrite5m - rates.cacheRead),
  };
}

/** Starts every pruned result's note. */
export const prunedMarker = '[pruned]';
