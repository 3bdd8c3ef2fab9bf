import * as z from 'zod';

/** Model lines from least to most capable; a step names the least that can do it. */
export const modelLineOrder = ['haiku', 'sonnet', 'opus', 'fable', 'mythos'] as const;

const factsSchema = z
  .array(z.string().min(1))
  .describe('Exact strings a correct answer must contain.');

/** One call a step makes to a client-side tool. */
export const toolCallSchema = z.object({
  tool: z.string().min(1).describe('Name of a tool in the workload.'),
  input: z
    .record(z.string(), z.unknown())
    .describe('The input the model sends; the tool looks its result up by it.'),
  resultTokens: z.number().int().min(1).describe('Size of the tool result in tokens (o200k).'),
  resultFormat: z.enum(['text', 'json']).default('text'),
  facts: factsSchema.describe('Facts the result carries.'),
});

/** A subtask: the tool calls it needs and the facts its answer carries. */
export const stepSchema = z.object({
  id: z.string().min(1),
  question: z.string().min(1).describe('The subtask as a subagent would be asked it.'),
  dependsOn: z.array(z.string()).default([]).describe('Steps whose answers this one needs first.'),
  minimumLine: z
    .enum(modelLineOrder)
    .default('haiku')
    .describe('The least capable model line that does it right.'),
  toolCalls: z.array(toolCallSchema).default([]),
  answerTokens: z
    .number()
    .int()
    .min(1)
    .default(120)
    .describe('Length of the step answer in tokens.'),
  facts: factsSchema
    .default([])
    .describe('Facts the step answer must carry (defaults to its tool calls’ facts).'),
});

/** One recorded API call of a trace-shaped task. */
export const traceCallSchema = z.object({
  contextTokens: z
    .number()
    .int()
    .min(1)
    .describe('Prompt size of the call: input + cache writes + cache reads.'),
  outputTokens: z.number().int().min(1),
  toolResultTokens: z
    .number()
    .int()
    .min(0)
    .describe('Size of the result of the tool this call asks for.'),
  tools: z
    .array(z.string())
    .default([])
    .describe('Tool names the recorded call used (for the record).'),
  seconds: z.number().min(0).optional().describe('Seconds since the session began.'),
});

/** A task: what the user asks, the steps it takes, the facts the final answer must carry. */
export const taskSchema = z.object({
  id: z.string().min(1),
  prompt: z.string().min(1),
  shape: z.enum(['parallel', 'sequential', 'list-then-fan-out', 'trace', 'loop']),
  answerFacts: factsSchema.describe(
    'Facts the final answer must carry; the grade is the share present.',
  ),
  steps: z.array(stepSchema).default([]),
  finalAnswerTokens: z.number().int().min(1).default(200),
  trace: z
    .object({ systemTokens: z.number().int().min(1), calls: z.array(traceCallSchema).min(1) })
    .optional()
    .describe('For trace-shaped tasks: the recorded calls to reproduce.'),
});

/** A client-side tool a workload ships. */
export const workloadToolSchema = z.object({
  name: z.string().min(1),
  description: z.string(),
  input_schema: z.record(z.string(), z.unknown()),
});

/** A workload file: `bursar-workload/v1`. */
export const workloadSchema = z.object({
  format: z.literal('bursar-workload/v1'),
  id: z.string().min(1),
  title: z.string().min(1),
  description: z.string().default(''),
  source: z
    .object({
      name: z.string(),
      url: z.string().optional(),
      license: z.string(),
      attribution: z.string(),
    })
    .optional()
    .describe('Where the tasks come from; a derived fixture keeps its license here.'),
  systemPrompt: z
    .string()
    .default('')
    .describe('Stable instructions every agent of the workload gets.'),
  tools: z.array(workloadToolSchema),
  tasks: z.array(taskSchema).min(1),
});

/** A parsed workload. */
export type Workload = z.infer<typeof workloadSchema>;
/** A task of a workload. */
export type WorkloadTask = z.infer<typeof taskSchema>;
/** A step of a task. */
export type WorkloadStep = z.infer<typeof stepSchema>;
/** A tool call of a step. */
export type WorkloadToolCall = z.infer<typeof toolCallSchema>;
/** The input form of a workload file (defaults may be left out). */
export type WorkloadInput = z.input<typeof workloadSchema>;
