import Anthropic from '@anthropic-ai/sdk';
import { createWorkloadTools } from '@bursar/simulator';
import type { Peer, PeerOutcome, PeerTask } from './peer-run';

/**
 * The naive loop: the official SDK, no cache breakpoints, the whole
 * conversation resent every turn, until the model stops calling tools.
 */
async function runNaiveLoop(input: PeerTask): Promise<PeerOutcome> {
  const client = new Anthropic({ apiKey: 'sk-bench-naive', baseURL: input.baseURL, maxRetries: 0 });
  const tools = createWorkloadTools(input.workload);
  const messages: Anthropic.MessageParam[] = [{ role: 'user', content: input.task.prompt }];
  let text = '';
  let ending = 'max turns';
  let calls = 0;
  for (let turn = 0; turn < input.maxTurns; turn += 1) {
    const response = await client.messages.create({
      model: 'claude-sonnet-4-6',
      max_tokens: input.maxTokens,
      system: input.workload.systemPrompt,
      tools: tools.definitions.map((definition) => ({
        name: definition.name,
        description: definition.description,
        input_schema: definition.input_schema,
      })),
      messages,
    });
    calls += 1;
    messages.push({ role: 'assistant', content: response.content });
    text = response.content
      .flatMap((block) => (block.type === 'text' ? [block.text] : []))
      .join('');
    const uses = response.content.filter((block) => block.type === 'tool_use');
    if (uses.length === 0) {
      ending = response.stop_reason ?? 'end_turn';
      break;
    }
    messages.push({
      role: 'user',
      content: uses.map((use) => ({
        type: 'tool_result' as const,
        tool_use_id: use.id,
        content: tools.execute(use.name, use.input),
      })),
    });
  }
  return { text, calls, ending };
}

/** The naive loop as a peer. */
export const naiveLoopPeer: Peer = {
  name: 'naive loop (SDK, no cache)',
  run: runNaiveLoop,
};
