import type * as z from 'zod';
import { ToolTimeoutError } from '../errors/tool-timeout-error';
import type { ContentPart } from '../model/model-request';
import type { AnyAgentTool } from './agent-tool';

/** A tool's answer as the model receives it. */
export type ToolResultPart = Extract<ContentPart, { type: 'tool-result' }>;

/** How long a tool may run on after its run was aborted, on the run's clock. */
export interface AbortGrace {
  readonly ms: number;
  readonly sleep: (milliseconds: number) => Promise<void>;
}

/**
 * Runs the tool a call names and returns its answer as text. Tool results are
 * untrusted: whatever a tool returns (a number, `null`, an object, a string
 * of any size) becomes text; a tool that throws becomes an error result. When
 * the run's signal aborts, a tool that ignores it gets `grace.ms` more on the
 * run's clock, then its late result is discarded (a {@link ToolTimeoutError}).
 *
 * @example
 * ```ts
 * const part = await runTool(tools, call, signal, { ms: 1000, sleep });
 * ```
 */
export async function runTool(
  tools: readonly AnyAgentTool[],
  call: Extract<ContentPart, { type: 'tool-call' }>,
  signal: AbortSignal | undefined,
  grace?: AbortGrace,
): Promise<ToolResultPart> {
  const tool = tools.find((candidate) => candidate.name === call.name);
  if (tool === undefined)
    return {
      type: 'tool-result',
      toolCallId: call.id,
      content: `Unknown tool ${call.name}.`,
      isError: true,
    };
  const parsed = (tool.input as z.ZodType).safeParse(call.input);
  if (!parsed.success) {
    const issues = parsed.error.issues.map(
      (issue) => `${issue.path.map(String).join('.') || '(input)'}: ${issue.message}`,
    );
    return {
      type: 'tool-result',
      toolCallId: call.id,
      content: `Invalid input for ${call.name}: ${issues.join('; ')}`,
      isError: true,
    };
  }
  try {
    const running = Promise.resolve().then(() =>
      tool.execute(parsed.data, {
        toolCallId: call.id,
        ...(signal === undefined ? {} : { signal }),
      }),
    );
    const content: unknown =
      signal === undefined || grace === undefined
        ? await running
        : await raceWithGrace(running, tool.name, signal, grace);
    return { type: 'tool-result', toolCallId: call.id, content: asText(content) };
  } catch (error) {
    if (ToolTimeoutError.isInstance(error)) throw error;
    return {
      type: 'tool-result',
      toolCallId: call.id,
      content: `Tool ${call.name} failed: ${error instanceof Error ? error.message : String(error)}`,
      isError: true,
    };
  }
}

/** The tool's result, unless `signal` aborts and it is still running `grace.ms` later. */
async function raceWithGrace(
  running: Promise<unknown>,
  tool: string,
  signal: AbortSignal,
  grace: AbortGrace,
): Promise<unknown> {
  let giveUp: () => void = () => undefined;
  const abandoned = new Promise<never>((_resolve, reject) => {
    giveUp = () => {
      const timeout = new ToolTimeoutError({ tool, graceMs: grace.ms });
      grace.sleep(grace.ms).then(
        () => {
          reject(timeout);
        },
        () => {
          reject(timeout);
        },
      );
    };
  });
  if (signal.aborted) giveUp();
  else signal.addEventListener('abort', giveUp, { once: true });
  try {
    return await Promise.race([running, abandoned]);
  } finally {
    signal.removeEventListener('abort', giveUp);
  }
}

/** A tool's return value as the text the model reads. */
function asText(value: unknown): string {
  if (typeof value === 'string') return value;
  if (value === undefined || value === null) return '';
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint')
    return String(value);
  try {
    // undefined for a function or a symbol, whatever the type says.
    const json = JSON.stringify(value) as string | undefined;
    return json ?? '';
  } catch {
    // Circular or otherwise unserializable: say what it was, not what it held.
    return Object.prototype.toString.call(value);
  }
}
