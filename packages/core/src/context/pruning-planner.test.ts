import { describe, expect, it } from 'vitest';
import type { ModelMessage, ModelRequest } from '../model/model-request';
import { defaultPriceTable } from '../pricing/price-table';
import { ArtifactStore } from './artifact-store';
import { prunedMarker, prunedNote } from './prune-used-results';
import { PruningPlanner, type PruneDecision } from './pruning-planner';

const rates = defaultPriceTable.resolve('claude-sonnet-4-6').rates.standard;
// Four bytes a token: `tokens(n)` is text of exactly n estimated tokens.
const tokens = (count: number, label = 'x'): string => label.repeat(4 * count);
const answer = (id: string, words = 0): ModelMessage => ({
  role: 'assistant',
  content: [
    ...(words > 0 ? [{ type: 'text' as const, text: tokens(words, 'w') }] : []),
    { type: 'tool-call', id, name: 'search', input: {} },
  ],
});
const result = (id: string, size: number): ModelMessage => ({
  role: 'user',
  content: [{ type: 'tool-result', toolCallId: id, content: tokens(size, id.slice(-1)) }],
});
const request = (messages: ModelMessage[]): ModelRequest => ({
  model: 'claude-sonnet-4-6',
  tools: [],
  system: [],
  reference: [],
  messages,
  maxTokens: 100,
  cache: { conversation: '5m' },
});

// The worked example of docs/caching.md: a 2,007-token task, the model's
// 1,006-token answer with a call, its 2,003-token result, the next answer and
// a fresh 1,003-token result. Turns 0 and 1 were sent (so cached).
const task: ModelMessage = { role: 'user', content: [{ type: 'text', text: tokens(2_000) }] };
const turn0 = request([task]);
const turn1 = request([task, answer('t1', 1_000), result('t1', 2_000)]);
const turn2 = request([...turn1.messages, answer('t2'), result('t2', 1_000)]);

/** Plans turn after turn (each plan charges a turn's rent) until it prunes. */
function untilPruned(plans: PruningPlanner, turn: ModelRequest): PruneDecision {
  for (let attempt = 0; attempt < 20; attempt += 1) {
    const decision = plans.plan(turn, 10);
    if (decision.pruned.length > 0) return decision;
  }
  throw new Error('never pruned');
}

function planner(minCacheableTokens = 1024): PruningPlanner {
  const made = new PruningPlanner({ store: new ArtifactStore(), rates, minCacheableTokens });
  made.record(turn0);
  made.record(turn1);
  return made;
}

describe('PruningPlanner', () => {
  it('prunes a used result once the reads paid on it cover the re-write (the docs example)', () => {
    const plans = planner();
    // Each turn kept, the result is read once more: 2,000 tokens x $0.30/M.
    const perTurn = 2_000n * rates.cacheRead;
    // Pruning re-writes the answer, the note and the new turn (1,006 + 3 + 12 + 6 + 1,003
    // tokens at $3.75/M) instead of reading 3,009 of them ($0.30/M): $0.002926 more now.
    const note = prunedNote('search', 2_000, 'a1');
    expect(Math.ceil(note.length / 4)).toBe(12);
    const extra =
      (1_006n + 3n + 12n + 6n + 1_003n - 1_009n) * rates.cacheWrite5m - 3_009n * rates.cacheRead;
    expect(extra).toBe(2_926_050_000_000n);
    for (let turn = 1; turn <= 4; turn += 1) {
      expect(plans.plan(turn2, 10).pruned, `after ${String(turn)} turns of rent`).toEqual([]);
    }
    const decision = plans.plan(turn2, 10);
    expect(decision.rent).toBe(5n * perTurn);
    expect(decision.pruned).toEqual([{ artifactId: 'a1', tool: 'search', tokens: 2_000 }]);
    const pruned = decision.messages[2]?.content[0];
    expect(pruned?.type === 'tool-result' && pruned.content).toBe(note);
    // The fresh result is not answered yet: never pruned.
    expect(decision.messages[4]).toBe(turn2.messages[4]);
  });

  it('pre-warms the pruned conversation up to the last answer, when the next pruning saves more', () => {
    const plans = planner();
    const decision = untilPruned(plans, turn2);
    const prewarm = decision.prewarm;
    expect(prewarm?.maxTokens).toBe(0);
    expect(prewarm?.messages).toEqual(decision.messages.slice(0, 3));
    // It reads the task (2,007) and writes the answer and the note (1,021), then the
    // turn reads both: (2,007 + 1,021) x $0.30/M more than without, to spare
    // the next pruning writing 1,021 tokens again ($3.45/M net).
    expect(decision.rewriteCost).toBe(2_926_050_000_000n + 3_028n * rates.cacheRead);
    if (prewarm === undefined) return;
    plans.record(prewarm);
    const sent = request([...decision.messages]);
    plans.record(sent);
    // Next turn the used result sits right after the pre-warmed entry: pruning it
    // writes a note instead of reading 1,000 tokens, so it goes at once.
    const turn3 = request([...sent.messages, answer('t3'), result('t3', 500)]);
    const next = plans.plan(turn3, 10);
    expect(next.pruned.map((entry) => entry.artifactId)).toEqual(['a2']);
    expect(next.rewriteCost).toBe(0n);
  });

  it('never prunes a result the model has not answered after', () => {
    const plans = planner();
    for (let turn = 0; turn < 50; turn += 1) expect(plans.plan(turn1, 10).pruned).toEqual([]);
  });

  it('never prunes the conversation below the minimum cacheable prompt', () => {
    // Pruned, the conversation up to the last answer is 3,028 tokens: under 3,500.
    const plans = planner(3_500);
    for (let turn = 0; turn < 50; turn += 1) expect(plans.plan(turn2, 10).pruned).toEqual([]);
    // At 3,000 it may.
    expect(untilPruned(planner(3_000), turn2).pruned).toHaveLength(1);
  });

  it('keeps the pruned result as an artifact, and counts the savings over the turns left', () => {
    const store = new ArtifactStore();
    const plans = new PruningPlanner({ store, rates, minCacheableTokens: 1024 });
    plans.record(turn0);
    plans.record(turn1);
    const decision = untilPruned(plans, turn2);
    expect(store.get('a1')?.content).toBe(tokens(2_000, '1'));
    expect(decision.savings).toBe(10n * (2_000n - 12n) * rates.cacheRead);
    expect(
      decision.messages.flatMap((message) =>
        message.content.filter(
          (part) => part.type === 'tool-result' && part.content.startsWith(prunedMarker),
        ),
      ),
    ).toHaveLength(1);
  });

  it('does not pre-warm when told not to', () => {
    const plans = new PruningPlanner({
      store: new ArtifactStore(),
      rates,
      minCacheableTokens: 1024,
      options: { prewarm: false },
    });
    plans.record(turn0);
    plans.record(turn1);
    const decision = untilPruned(plans, turn2);
    expect(decision.prewarm).toBeUndefined();
    expect(decision.rewriteCost).toBe(2_926_050_000_000n);
  });
});
