import { stableStringify } from '../answer/stable-stringify';
import { createTokenCounter, type TokenCounter } from '../tokens/token-counter';
import type { Workload, WorkloadToolCall } from './workload-schema';
import { sizedText } from './sized-text';

/** A tool definition as the Messages API takes it. */
export interface WorkloadToolDefinition {
  readonly name: string;
  readonly description: string;
  /** A JSON Schema of an object, as the Messages API requires. */
  readonly input_schema: { readonly type: 'object'; readonly [keyword: string]: unknown };
}

/** The client side of a workload's tools: definitions to send, and results to return. */
export interface WorkloadTools {
  readonly definitions: readonly WorkloadToolDefinition[];
  /**
   * The result of a tool call: deterministic text of the declared size that
   * carries the declared facts. An unknown call gets a short "no result" text,
   * as a real tool would answer a query it cannot serve.
   */
  execute(name: string, input: unknown): string;
}

/**
 * The client-side tools a workload ships, for any agent framework: each call
 * the workload declares is looked up by tool name and input; trace-shaped
 * tasks' calls (`{ task, call }`) return results of the recorded size.
 *
 * @example
 * ```ts
 * const tools = createWorkloadTools(workload);
 * const result = tools.execute('search', { query: 'Pat Burrell batting hand' });
 * ```
 */
export function createWorkloadTools(
  workload: Workload,
  options: { countTokens?: TokenCounter } = {},
): WorkloadTools {
  const countTokens = options.countTokens ?? createTokenCounter();
  const calls = new Map<string, WorkloadToolCall>();
  const traceSizes = new Map<string, number>();
  for (const task of workload.tasks) {
    for (const step of task.steps)
      for (const call of step.toolCalls) calls.set(callKey(call.tool, call.input), call);
    task.trace?.calls.forEach((call, index) =>
      traceSizes.set(`${task.id}#${String(index)}`, call.toolResultTokens),
    );
  }
  const memo = new Map<string, string>();
  return {
    definitions: workload.tools.map(({ name, description, input_schema: schema }) => ({
      name,
      description,
      input_schema: { ...schema, type: 'object' as const },
    })),
    execute(name, input) {
      const key = callKey(name, input);
      const cached = memo.get(key);
      if (cached !== undefined) return cached;
      let result: string;
      const declared = calls.get(key);
      const trace = input as { task?: unknown; call?: unknown } | null;
      const traceSize =
        typeof trace?.task === 'string' && typeof trace.call === 'number'
          ? traceSizes.get(`${trace.task}#${String(trace.call)}`)
          : undefined;
      if (declared !== undefined) {
        result = sizedText({
          seed: key,
          tokens: declared.resultTokens,
          facts: declared.facts,
          format: declared.resultFormat,
          countTokens,
        });
      } else if (traceSize !== undefined) {
        result =
          traceSize === 0
            ? ''
            : sizedText({ seed: key, tokens: traceSize, facts: [], format: 'text', countTokens });
      } else {
        result = `No result for ${name} with ${JSON.stringify(input)}.`;
      }
      memo.set(key, result);
      return result;
    },
  };
}

/** The identity of a tool call: its name and its input with keys sorted. */
export function callKey(name: string, input: unknown): string {
  return `${name}:${stableStringify(input)}`;
}
