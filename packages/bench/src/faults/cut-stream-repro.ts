// Repro of a stream cut mid-answer: the simulator bills the output tokens of
// the deltas it sent; the adapter cannot know them, so it charges the
// request's max_tokens (the most they can be): the ledger is at or above the
// invoice, never below (it was below before that rule).
// Run: pnpm --filter @bursar/bench exec tsx --conditions=@bursar/source src/faults/cut-stream-repro.ts
import { createAnthropicClient } from '@bursar/anthropic';
import { createBudget, runAgent } from '@bursar/core';
import { createSimulator } from '@bursar/simulator';
import { streamingClient } from './streaming-client';

const simulator = createSimulator({ latency: { mode: 'zero' } });
simulator.configureFaults({ next: ['stream_cut'] });
const budget = createBudget({ usd: '1' });
const result = await runAgent({
  client: streamingClient(createAnthropicClient({ apiKey: 'sk-repro', fetch: simulator.fetch })),
  budget,
  model: 'claude-sonnet-4-6',
  prompt: 'Write a long paragraph about ledgers.',
  maxTokens: 400,
  sleep: () => Promise.resolve(),
});
const [cut, retry] = simulator.invoice().lines;
console.log(
  `status ${result.status}, ledger ${String(budget.snapshot().spent.usd)}, invoice ${String(simulator.invoice().total)}`,
);
console.log(
  `cut line: ${String(cut?.usage.output)} output tokens billed (${cut?.note ?? ''}); retry line: ${String(retry?.usage.output)}`,
);
