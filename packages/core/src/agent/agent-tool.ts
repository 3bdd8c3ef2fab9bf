import * as z from 'zod';
import { InvalidArgumentError } from '../errors/invalid-argument-error';
import type { ModelTool } from '../model/model-request';

/**
 * A tool an agent may call: its input is a zod schema, so what the model sends
 * is checked before `execute` runs; input that fails goes back to the model as
 * a tool error, never a crash.
 *
 * @example
 * ```ts
 * const search: AgentTool<{ query: string }> = {
 *   name: 'search',
 *   description: 'Searches the encyclopedia.',
 *   input: z.object({ query: z.string() }),
 *   execute: ({ query }) => lookUp(query),
 * };
 * ```
 */
export interface AgentTool<TInput = unknown> {
  readonly name: string;
  readonly description: string;
  readonly input: z.ZodType<TInput>;
  /** Runs the tool; its result is untrusted text for the model, nothing more. */
  execute(
    input: TInput,
    context: { readonly toolCallId: string; readonly signal?: AbortSignal },
  ): Promise<string> | string;
}

/**
 * Any tool, whatever its input type: a list of tools mixes inputs, and
 * `execute` only ever receives input its own schema parsed.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- tools of different inputs share one list
export type AnyAgentTool = AgentTool<any>;

/**
 * The tool as the model sees it: name, description, JSON Schema of its input.
 * @internal
 */
export function toModelTool(tool: AnyAgentTool): ModelTool {
  if (typeof tool.name !== 'string' || !/^[a-zA-Z0-9_-]{1,64}$/.test(tool.name)) {
    throw new InvalidArgumentError({
      argument: 'tools[].name',
      value: tool.name,
      message: 'expected 1-64 letters, digits, _ or -',
    });
  }
  return {
    name: tool.name,
    description: tool.description,
    inputSchema: z.toJSONSchema(tool.input),
  };
}
