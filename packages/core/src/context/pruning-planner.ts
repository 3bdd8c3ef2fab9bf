import type { ModelMessage, ModelRequest } from '../model/model-request';
import type { ClassRates } from '../pricing/model-spec';
import type { ArtifactStore } from './artifact-store';
import { ConversationCache } from './conversation-cache';
import {
  prunedNote,
  pruneResults,
  resultContent,
  usedResults,
  type UsedResult,
} from './prune-used-results';

/** Options of pruning (`context.prune` of `runAgent`). */
export interface PruneOptions {
  /** Results smaller than this many (estimated) tokens are left alone. @default 100 */
  readonly minResultTokens?: number;
  /**
   * Pre-warm the pruned conversation with a `maxTokens: 0` request (billed,
   * through the budget) so the next pruning re-writes only what follows it.
   * Turn it off for a provider that cannot pre-warm.
   * @default true
   */
  readonly prewarm?: boolean;
}

/** What a pruning pass decided, and the arithmetic behind it. */
export interface PruneDecision {
  readonly messages: readonly ModelMessage[];
  readonly pruned: readonly {
    readonly artifactId: string;
    readonly tool: string;
    readonly tokens: number;
  }[];
  /**
   * A `maxTokens: 0` request to send before the turn: it caches the pruned
   * conversation up to the model's last answer, so the turn reads it.
   */
  readonly prewarm: ModelRequest | undefined;
  /** Femtodollars of reads the used results had cost since they were used (the rent paid). */
  readonly rent: bigint;
  /** Femtodollars saved over the expected remaining turns by reading less. */
  readonly savings: bigint;
  /** Femtodollars the pruning costs now beyond not pruning (re-writes and the pre-warm). */
  readonly rewriteCost: bigint;
}

interface Option {
  readonly selection: readonly UsedResult[];
  readonly prewarm: ModelRequest | undefined;
  readonly rent: bigint;
  readonly savings: bigint;
  readonly extra: bigint;
}

/**
 * Decides, turn by turn, which used tool results to replace with notes, as a
 * rent-or-buy choice. Keeping a used result costs its read on every turn (the
 * rent); pruning costs, once, writing again what follows the edit point, which
 * the cache no longer holds. Each turn the planner adds that turn's read of
 * every used result to its rent, and prunes a set of results once the rent
 * already paid on them covers what pruning them costs now (the ski-rental
 * rule: never more than twice what the best schedule pays). Costs come from
 * {@link ConversationCache}, which knows what the conversation's requests
 * cached.
 *
 * Edit points: after each cached entry the turn can still read (the results
 * before it stay, and so does the entry), or from the start. Among the
 * choices the rent covers, it takes the one that saves the most over the
 * expected remaining turns, net of its cost now. With a choice comes a
 * pre-warm, a `maxTokens: 0` request that caches the pruned conversation up
 * to the model's last answer, when that costs less now than it spares the
 * next pruning (which then reads those tokens instead of writing them again).
 * It never prunes a result the model has not answered after, nor below the
 * minimum cacheable prompt: a conversation that short cannot be cached, and
 * every later pruning would write all of it again.
 *
 * @example
 * ```ts
 * const planner = new PruningPlanner({ store, rates, minCacheableTokens: 1024 });
 * const decision = planner.plan(request, 12);
 * if (decision.prewarm !== undefined) await send(decision.prewarm);
 * planner.record(requestSent, promptTokens(response.usage));
 * ```
 */
export class PruningPlanner {
  readonly cache: ConversationCache;
  private readonly store: ArtifactStore;
  private readonly rates: ClassRates;
  private readonly options: PruneOptions;
  private readonly rent = new Map<string, bigint>();
  private prewarming: boolean;

  constructor(settings: {
    readonly store: ArtifactStore;
    /** Rates of the model the conversation runs on. */
    readonly rates: ClassRates;
    readonly minCacheableTokens: number;
    readonly options?: PruneOptions;
  }) {
    this.store = settings.store;
    this.rates = settings.rates;
    this.options = settings.options ?? {};
    this.prewarming = this.options.prewarm !== false;
    this.cache = new ConversationCache({ minCacheableTokens: settings.minCacheableTokens });
  }

  /** Plans no more pre-warms (the provider refused one, or the budget could not hold it). */
  stopPrewarming(): void {
    this.prewarming = false;
  }

  /** Records a request that was sent (a turn or a pre-warm), with the prompt tokens billed. */
  record(request: ModelRequest, promptTokens?: number): void {
    this.cache.record(request, promptTokens);
  }

  /**
   * The pruning for the turn about to send `request`, expecting
   * `remainingTurns` more turns (this one included). Call once a turn: each
   * call charges the turn's rent.
   */
  plan(request: ModelRequest, remainingTurns: number): PruneDecision {
    const none = (rent = 0n): PruneDecision => ({
      messages: request.messages,
      pruned: [],
      prewarm: undefined,
      rent,
      savings: 0n,
      rewriteCost: 0n,
    });
    const used = usedResults(request.messages, this.options.minResultTokens ?? 100, (text) =>
      this.cache.tokens(text),
    );
    if (used.length === 0) return none();
    for (const result of used) {
      const paid = this.rent.get(result.toolCallId) ?? 0n;
      this.rent.set(result.toolCallId, paid + BigInt(result.tokens) * this.rates.cacheRead);
    }
    const option = this.choose(request, used, remainingTurns);
    if (option === undefined) return none();
    const artifactIds = option.selection.map((result) =>
      this.store.put(result.tool, resultContent(request.messages, result)),
    );
    for (const result of option.selection) this.rent.delete(result.toolCallId);
    return {
      messages: pruneResults(request.messages, option.selection, artifactIds),
      pruned: option.selection.map((result, index) => ({
        artifactId: artifactIds[index] ?? '?',
        tool: result.tool,
        tokens: result.tokens,
      })),
      prewarm: option.prewarm,
      rent: option.rent,
      savings: option.savings,
      rewriteCost: option.extra > 0n ? option.extra : 0n,
    };
  }

  private choose(
    request: ModelRequest,
    used: readonly UsedResult[],
    remainingTurns: number,
  ): Option | undefined {
    const base = this.cache.cost(request, this.rates);
    const turns = BigInt(Math.max(0, Math.floor(remainingTurns)));
    const answered = stable(request, request.messages);
    const cachedBefore = this.cache.cacheable(answered);
    // Edit points: after each entry the request can still read, or from the start.
    const points: [number, number][] = [...this.cache.cachedPoints(request), [-1, -1]];
    const seen = new Set<string>();
    let best: { option: Option; rank: bigint } | undefined;
    for (const [messageIndex, partIndex] of points) {
      const selection = used.filter(
        (result) =>
          result.messageIndex > messageIndex ||
          (result.messageIndex === messageIndex && result.partIndex > partIndex),
      );
      const key = selection.map((result) => result.toolCallId).join(',');
      if (selection.length === 0 || seen.has(key)) continue;
      seen.add(key);
      // Artifact ids the store will give, so the notes priced are the notes sent.
      const ids = selection.map((_result, index) => `a${String(this.store.size + index + 1)}`);
      const messages = pruneResults(request.messages, selection, ids);
      const main = { ...request, messages };
      // Never below the minimum cacheable prompt, where it was above.
      if (cachedBefore && !this.cache.cacheable(stable(request, messages))) continue;
      if (this.cache.cacheable(request) && !this.cache.cacheable(main)) continue;
      // Rent-or-buy: prune once the reads already paid cover what pruning costs now.
      const rent = selection.reduce(
        (sum, result) => sum + (this.rent.get(result.toolCallId) ?? 0n),
        0n,
      );
      const extra = this.cache.cost(main, this.rates) - base;
      if (rent < extra) continue;
      const removed = selection.reduce(
        (sum, result, index) =>
          sum +
          result.tokens -
          this.cache.tokens(prunedNote(result.tool, result.tokens, ids[index] ?? '')),
        0,
      );
      const savings = turns * BigInt(Math.max(0, removed)) * this.rates.cacheRead;
      let option: Option = { selection, prewarm: undefined, rent, savings, extra };
      let rank = savings - extra;
      const prewarm = this.prewarming ? this.prewarmFor(request, messages) : undefined;
      if (prewarm !== undefined) {
        // With a pre-warm, when it costs less now than it spares the next pruning.
        const ahead = this.prewarmValue(prewarm);
        const prewarmExtra =
          this.cache.cost(prewarm, this.rates) +
          this.cache.after(prewarm).cost(main, this.rates) -
          base;
        if (prewarmExtra - extra < ahead) {
          option = { selection, prewarm, rent, savings, extra: prewarmExtra };
          rank = savings + ahead - prewarmExtra;
        }
      }
      if (best === undefined || rank > best.rank) best = { option, rank };
    }
    return best?.option;
  }

  /**
   * Femtodollars a pre-warm saves the next pruning: that pruning reads the
   * tokens the pre-warm wrote instead of writing them again.
   */
  private prewarmValue(prewarm: ModelRequest): bigint {
    const estimate = this.cache.estimate(prewarm);
    return (
      BigInt(estimate.write5m) * (this.rates.cacheWrite5m - this.rates.cacheRead) +
      BigInt(estimate.write1h) * (this.rates.cacheWrite1h - this.rates.cacheRead)
    );
  }

  /** The pre-warm of a pruned conversation, when it would cache something. */
  private prewarmFor(
    request: ModelRequest,
    messages: readonly ModelMessage[],
  ): ModelRequest | undefined {
    if (request.cache?.conversation === undefined) return undefined;
    const prewarm: ModelRequest = { ...stable(request, messages), maxTokens: 0 };
    if (prewarm.messages.length === 0) return undefined;
    const estimate = this.cache.estimate(prewarm);
    return estimate.write5m + estimate.write1h > 0 ? prewarm : undefined;
  }
}

/** `request` with `messages` up to the model's last answer (excluded): what stays next turn. */
function stable(request: ModelRequest, messages: readonly ModelMessage[]): ModelRequest {
  const lastAssistant = messages.map((message) => message.role).lastIndexOf('assistant');
  return { ...request, messages: messages.slice(0, Math.max(0, lastAssistant)) };
}
