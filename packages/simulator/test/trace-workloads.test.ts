import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { MessageRequest } from '../src/api/message-request';
import { framingTokens, linearizePrompt } from '../src/prompt/linearize-prompt';
import { createTokenCounter } from '../src/tokens/token-counter';
import { sizedText } from '../src/workloads/sized-text';
import { createWorkloadTools } from '../src/workloads/workload-tools';
import { workloadSchema, type WorkloadTask } from '../src/workloads/workload-schema';

const workload = workloadSchema.parse(
  JSON.parse(
    readFileSync(new URL('../workloads/claude-code-traces.json', import.meta.url), 'utf8'),
  ),
);
const countTokens = createTokenCounter();
const tools = createWorkloadTools(workload, { countTokens });
const toolDefinitions: MessageRequest['tools'] = tools.definitions.map((tool) => ({ ...tool }));

/** Every request's context when the task is driven naively: everything resent, nothing pruned. */
function replayNaively(task: WorkloadTask): number[] {
  const calls = task.trace?.calls ?? [];
  const messages: MessageRequest['messages'] = [{ role: 'user', content: task.prompt }];
  const contexts: number[] = [];
  calls.forEach((call, index) => {
    const request: MessageRequest = {
      model: 'claude-opus-4-6',
      max_tokens: 8192,
      system: workload.systemPrompt,
      tools: toolDefinitions,
      messages,
    };
    contexts.push(linearizePrompt(request, countTokens).totalTokens);
    if (index === calls.length - 1) return;
    // The answer the simulated model gives: a text of the recorded size, then the trace tool call.
    const text = sizedText({
      seed: `${task.id}#${String(index)}:text`,
      tokens: call.outputTokens,
      facts: [],
      format: 'text',
      countTokens,
    });
    const input = { task: task.id, call: index };
    const id = `toolu_${String(index)}`;
    messages.push(
      {
        role: 'assistant',
        content: [
          { type: 'text', text },
          { type: 'tool_use', id, name: 'trace_step', input },
        ],
      },
      {
        role: 'user',
        content: [
          { type: 'tool_result', tool_use_id: id, content: tools.execute('trace_step', input) },
        ],
      },
    );
  });
  return contexts;
}

describe('the claude-code-traces workload', () => {
  it('has one trace task per segment of the three main sessions', () => {
    expect(workload.tools.map((tool) => tool.name)).toEqual(['trace_step']);
    expect(workload.tasks.map((task) => [task.id, task.shape, task.trace?.calls.length])).toEqual([
      ['cc-258c7280-1', 'trace', 102],
      ['cc-258c7280-2', 'trace', 50],
      ['cc-4d5611e5-1', 'trace', 61],
      ['cc-4d5611e5-2', 'trace', 78],
      ['cc-8463c716-1', 'trace', 71],
      ['cc-8463c716-2', 'trace', 72],
    ]);
    expect(workload.source?.license).toBe('MIT');
  });

  describe.each(workload.tasks.map((task) => [task.id, task] as const))(
    'task %s driven naively',
    (id, task) => {
      const calls = task.trace?.calls ?? [];
      const contexts = replayNaively(task);

      it('starts at the recorded context: the prompt before the messages, then the padded task prompt', () => {
        expect(contexts[0]).toBe(calls[0]?.contextTokens);
        expect(contexts[0]).toBe(
          (task.trace?.systemTokens ?? 0) + framingTokens.message + countTokens(task.prompt),
        );
      });

      const errors = calls.map(
        (call, index) => Math.abs((contexts[index] ?? 0) - call.contextTokens) / call.contextTokens,
      );
      const worst = Math.max(...errors);
      const worstPercent = `${(worst * 100).toFixed(3)}%`;

      it(`gives every call the recorded context within 2% (worst ${worstPercent})`, () => {
        expect(
          worst,
          `worst relative error of ${id}: ${worstPercent} (call ${String(errors.indexOf(worst))})`,
        ).toBeLessThan(0.02);
      });
    },
  );
});
