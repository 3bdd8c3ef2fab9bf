import { createAnthropic } from '@ai-sdk/anthropic';
import { createWorkloadTools } from '@bursar/simulator';
import { generateText, jsonSchema, stepCountIs, tool, type JSONSchema7, type ToolSet } from 'ai';
import type { Peer, PeerOutcome, PeerTask } from './peer-run';

/**
 * An agent loop built with the Vercel AI SDK (`ai` 5, `@ai-sdk/anthropic` 2):
 * `generateText` with the tools and a step cap, everything else at its
 * defaults (no cache control, its own `max_tokens`). Retries are off: no
 * fault is injected here, and a failed call should show, not be retried.
 */
async function runAiSdkAgent(input: PeerTask): Promise<PeerOutcome> {
  const anthropic = createAnthropic({ baseURL: `${input.baseURL}/v1`, apiKey: 'sk-bench-ai-sdk' });
  const workloadTools = createWorkloadTools(input.workload);
  const tools: ToolSet = Object.fromEntries(
    workloadTools.definitions.map((definition) => [
      definition.name,
      tool({
        description: definition.description,
        inputSchema: jsonSchema(definition.input_schema as JSONSchema7),
        execute: (toolInput) => workloadTools.execute(definition.name, toolInput),
      }),
    ]),
  );
  const result = await generateText({
    model: anthropic('claude-sonnet-4-6'),
    system: input.workload.systemPrompt,
    prompt: input.task.prompt,
    tools,
    stopWhen: stepCountIs(input.maxTurns),
    maxRetries: 0,
  });
  return { text: result.text, calls: result.steps.length, ending: result.finishReason };
}

/** The AI SDK agent as a peer. */
export const aiSdkPeer: Peer = {
  name: 'Vercel AI SDK generateText',
  run: runAiSdkAgent,
};
