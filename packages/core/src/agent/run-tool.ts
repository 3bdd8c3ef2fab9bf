import type * as z from 'zod';
import type { ContentPart } from '../model/model-request';
import type { AnyAgentTool } from './agent-tool';

/** A tool's answer as the model receives it. */
export async function runTool(
  tools: readonly AnyAgentTool[],
  call: Extract<ContentPart, { type: 'tool-call' }>,
  signal: AbortSignal | undefined,
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
    const content = await tool.execute(parsed.data, {
      toolCallId: call.id,
      ...(signal === undefined ? {} : { signal }),
    });
    return { type: 'tool-result', toolCallId: call.id, content };
  } catch (error) {
    return {
      type: 'tool-result',
      toolCallId: call.id,
      content: `Tool ${call.name} failed: ${error instanceof Error ? error.message : String(error)}`,
      isError: true,
    };
  }
}

export type ToolResultPart = Extract<ContentPart, { type: 'tool-result' }>;
