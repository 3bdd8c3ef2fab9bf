import Anthropic from '@anthropic-ai/sdk';
import { describe, expect, it } from 'vitest';
import { createSimulator, createWorkloadTools, loadWorkloadFile } from '../src/index';

const workload = loadWorkloadFile(
  new URL('../workloads/claude-code-traces.json', import.meta.url).pathname,
);

describe('a trace-shaped session through the SDK over HTTP', () => {
  it('reproduces the recorded context size of every call within 2% when driven naively', async () => {
    const task = workload.tasks.find((candidate) => candidate.id === 'cc-258c7280-2');
    const calls = task?.trace?.calls ?? [];
    expect(calls.length).toBeGreaterThan(40);
    const simulator = createSimulator({ workloads: [workload], latency: { mode: 'zero' } });
    const { url } = await simulator.listen();
    const client = new Anthropic({ apiKey: 'trace', baseURL: url, maxRetries: 0 });
    const tools = createWorkloadTools(workload);
    const messages: Anthropic.MessageParam[] = [{ role: 'user', content: task?.prompt ?? '' }];
    const errors: number[] = [];
    try {
      for (const recorded of calls) {
        // Naive: resend everything, no caching, no pruning.
        const response = await client.messages.create({
          model: 'claude-opus-4-6',
          max_tokens: 8_000,
          system: workload.systemPrompt,
          tools: [...tools.definitions],
          messages,
        });
        const { usage } = response;
        const context =
          usage.input_tokens +
          (usage.cache_creation_input_tokens ?? 0) +
          (usage.cache_read_input_tokens ?? 0);
        errors.push(Math.abs(context - recorded.contextTokens) / recorded.contextTokens);
        messages.push({ role: 'assistant', content: response.content });
        const call = response.content.find((block) => block.type === 'tool_use');
        if (call === undefined) break;
        messages.push({
          role: 'user',
          content: [
            {
              type: 'tool_result',
              tool_use_id: call.id,
              content: tools.execute(call.name, call.input),
            },
          ],
        });
      }
    } finally {
      await simulator.close();
    }
    expect(errors).toHaveLength(calls.length);
    expect(Math.max(...errors)).toBeLessThan(0.02);
  }, 60_000);
});
