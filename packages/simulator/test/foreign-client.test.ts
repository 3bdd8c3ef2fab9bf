import { createAnthropic } from '@ai-sdk/anthropic';
import {
  generateText,
  jsonSchema,
  stepCountIs,
  tool,
  type JSONSchema7,
  type ModelMessage,
  type StepResult,
  type ToolSet,
} from 'ai';
import { afterEach, describe, expect, it } from 'vitest';
import {
  createSimulator,
  createWorkloadTools,
  parseWorkload,
  type InvoiceLine,
  type Simulator,
} from '../src/index';
import { workloadInput } from './support/rivers-workload';

// Another framework's Anthropic client against the simulator: the Vercel AI SDK
// (`ai` 5 with `@ai-sdk/anthropic` 2). It shapes requests its own way (system and
// user text as block arrays, `tool_choice: auto`, `max_tokens` from its model
// table, `x-api-key` and `anthropic-version: 2023-06-01`), so this checks the
// simulator serves the wire format, not just what the official SDK happens to send.

const workload = parseWorkload(workloadInput);
const task = workload.tasks[0];
if (task === undefined) throw new Error('no task');

let simulator: Simulator;
afterEach(async () => {
  await simulator.close();
});

/** The workload's client-side tools as an AI SDK tool set, run by `createWorkloadTools`. */
function aiSdkTools(): ToolSet {
  const workloadTools = createWorkloadTools(workload);
  return Object.fromEntries(
    workloadTools.definitions.map((definition) => [
      definition.name,
      tool({
        description: definition.description,
        inputSchema: jsonSchema(definition.input_schema as JSONSchema7),
        execute: (input) => workloadTools.execute(definition.name, input),
      }),
    ]),
  );
}

/** Puts a cache breakpoint on the last message, as an agent loop caching its history would. */
function withCacheBreakpoint(messages: ModelMessage[]): ModelMessage[] {
  return messages.map((message, index) =>
    index === messages.length - 1
      ? { ...message, providerOptions: { anthropic: { cacheControl: { type: 'ephemeral' } } } }
      : message,
  );
}

/** Runs the task with `generateText` against a fresh simulator on 127.0.0.1. */
async function runTask(
  options: { cache?: boolean; runs?: number } = {},
): Promise<StepResult<ToolSet>[][]> {
  simulator = createSimulator({ workloads: [workload], latency: { mode: 'zero' } });
  const { url } = await simulator.listen({ host: '127.0.0.1' });
  const anthropic = createAnthropic({ baseURL: `${url}/v1`, apiKey: 'x' });
  const tools = aiSdkTools();
  const runs: StepResult<ToolSet>[][] = [];
  for (let run = 0; run < (options.runs ?? 1); run += 1) {
    const result = await generateText({
      model: anthropic('claude-sonnet-4-6'),
      system: workload.systemPrompt,
      prompt: task?.prompt ?? '',
      tools,
      stopWhen: stepCountIs(10),
      // The AI SDK retries twice by default; a failed call must fail the test instead.
      maxRetries: 0,
      ...(options.cache === true
        ? { prepareStep: ({ messages }) => ({ messages: withCacheBreakpoint(messages) }) }
        : {}),
    });
    expect(result.text).toBe(result.steps.at(-1)?.text);
    runs.push(result.steps);
  }
  return runs;
}

/** Every prompt token a line was billed for, whatever its cache class. */
function promptTokens(line: InvoiceLine): number {
  const { input, cacheRead, cacheWrite5m, cacheWrite1h } = line.usage;
  return input + cacheRead + cacheWrite5m + cacheWrite1h;
}

function sum(values: readonly number[]): number {
  return values.reduce((total, value) => total + value, 0);
}

/** The cache writes `@ai-sdk/anthropic` reports: ai 5's usage has no field for them. */
function cacheWrites(step: StepResult<ToolSet>): unknown {
  return step.providerMetadata?.['anthropic']?.['cacheCreationInputTokens'];
}

describe('the Vercel AI SDK as the client of the simulator', () => {
  it('works a workload task with generateText over HTTP and is graded 1.0', async () => {
    const [steps = []] = await runTask();
    expect(steps.map((step) => step.finishReason)).toEqual(['tool-calls', 'tool-calls', 'stop']);
    expect(steps.flatMap((step) => step.toolCalls.map((call) => call.input))).toEqual([
      { query: 'capital of Vostria and its river' },
      { query: 'capital of Palmeny and its river' },
    ]);
    const finalText = steps.at(-1)?.text ?? '';
    expect(simulator.grade(task.id, finalText)).toMatchObject({ score: 1, missing: [] });

    // One invoice line per model call, in order, for the very messages the SDK received.
    const { lines } = simulator.invoice();
    expect(lines).toHaveLength(steps.length);
    expect(lines.map((line) => line.id)).toEqual(steps.map((step) => step.response.id));
    expect(lines.every((line) => line.model === 'claude-sonnet-4-6')).toBe(true);

    // What the AI SDK reports is what was billed. No cache breakpoint was sent, so
    // every prompt token is uncached input and ai 5's `inputTokens` holds them all.
    const reportedInput = sum(steps.map((step) => step.usage.inputTokens ?? Number.NaN));
    const reportedOutput = sum(steps.map((step) => step.usage.outputTokens ?? Number.NaN));
    expect(reportedInput).toBe(sum(lines.map(promptTokens)));
    expect(reportedOutput).toBe(sum(lines.map((line) => line.usage.output)));
    expect(sum(lines.map((line) => promptTokens(line) - line.usage.input))).toBe(0);
    expect(reportedInput).toBeGreaterThan(0);
  });

  it('reports cache writes and reads the way ai 5 splits them, to the token', async () => {
    // Twice with a breakpoint on the last message: the first run writes the last
    // step's prompt (the only one past the 1,024-token minimum), the second reads it.
    const runs = await runTask({ cache: true, runs: 2 });
    const steps = runs.flat();
    for (const run of runs) {
      expect(simulator.grade(task.id, run.at(-1)?.text ?? '').score).toBe(1);
    }
    const { lines } = simulator.invoice();
    expect(lines.map((line) => line.id)).toEqual(steps.map((step) => step.response.id));

    // ai 5 (LanguageModelV2) keeps the classes apart: `inputTokens` is uncached input
    // only, `cachedInputTokens` the reads, and the writes live in provider metadata.
    // So `inputTokens` alone equals input + reads + writes only when nothing is cached.
    expect(steps.map((step) => step.usage.inputTokens)).toEqual(
      lines.map((line) => line.usage.input),
    );
    expect(steps.map((step) => step.usage.cachedInputTokens)).toEqual(
      lines.map((line) => line.usage.cacheRead),
    );
    expect(steps.map(cacheWrites)).toEqual(
      lines.map((line) => line.usage.cacheWrite5m + line.usage.cacheWrite1h),
    );
    expect(steps.map((step) => step.usage.outputTokens)).toEqual(
      lines.map((line) => line.usage.output),
    );
    expect(sum(lines.map((line) => line.usage.cacheWrite5m))).toBeGreaterThan(0);
    expect(sum(lines.map((line) => line.usage.cacheRead))).toBeGreaterThan(0);
  });
});
