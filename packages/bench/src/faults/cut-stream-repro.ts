// Repro of the fault storm's ledger/invoice mismatch: one streamed call cut
// mid-answer by the simulator. The simulator bills the output tokens of the
// deltas it sent; the adapter charges the usage of the last usage event it saw
// (message_start's), so the ledger falls short of the invoice.
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
