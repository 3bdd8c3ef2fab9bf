import {
  detectLoop,
  rolePrompts,
  runAgent,
  type AnyAgentTool,
  type Budget,
  type EscalationFailure,
  type ModelClient,
  subagentPrompt,
  synthesisPrompt,
} from '@bursar/core';
import { createWorkloadTools, type Workload } from '@bursar/simulator';
import * as z from 'zod';
import { droppedFindings, missingAnswer } from './answer-checks';

/** What every agent of a policy's run shares: the client and the budget that charges each call. */
export interface AgentContext {
  readonly client: ModelClient;
  readonly budget: Budget;
}

/** One try of a step on one model: what it wrote, what it cost, and what the checks found. */
export interface StepTry {
  readonly model: string;
  readonly text: string;
  readonly status: string;
  /** Nano-dollars the provider billed for this try. */
  readonly cost: number;
  readonly turns: number;
  /** The first failure the checks found (loop, then missing answer), or undefined. */
  readonly failure: EscalationFailure | undefined;
}

const toolsByWorkload = new Map<string, AnyAgentTool[]>();

/** The workload's client-side tools as agent tools (made once per workload). */
export function agentTools(workload: Workload): AnyAgentTool[] {
  let tools = toolsByWorkload.get(workload.id);
  if (tools === undefined) {
    const workloadTools = createWorkloadTools(workload);
    tools = workloadTools.definitions.map((definition) => ({
      name: definition.name,
      description: definition.description,
      input: z.record(z.string(), z.unknown()),
      execute: (input: Record<string, unknown>) => workloadTools.execute(definition.name, input),
    }));
    toolsByWorkload.set(workload.id, tools);
  }
  return tools;
}

/**
 * Runs one subagent try: the subtask and its findings, the workload's tools,
 * the orchestrator's subagent instructions and cache plan. Then checks it: a
 * repeated call (`detectLoop`) is a loop; no answer is a failed validation.
 */
export async function trySubagent(input: {
  readonly context: AgentContext;
  readonly workload: Workload;
  readonly question: string;
  readonly findings: readonly string[];
  readonly model: string;
  readonly name: string;
}): Promise<StepTry> {
  const result = await runAgent({
    client: input.context.client,
    budget: input.context.budget,
    model: input.model,
    prompt: subagentPrompt(input.question, input.findings),
    system: [input.workload.systemPrompt, rolePrompts.subagent],
    tools: agentTools(input.workload),
    maxTurns: 10,
    maxTokens: 1024,
    cache: { system: '5m', conversation: '5m' },
    name: input.name,
  });
  const loop = detectLoop(result.messages);
  const missing = missingAnswer(result.status, result.text);
  const failure: EscalationFailure | undefined =
    loop !== undefined
      ? {
          kind: 'loop',
          reason: `${loop.tool} ${JSON.stringify(loop.input)} ${String(loop.repeats)} times in a row`,
        }
      : missing !== undefined
        ? { kind: 'validation', reason: missing }
        : undefined;
  return {
    model: input.model,
    text: result.text,
    status: result.status,
    cost: result.cost,
    turns: result.turns,
    failure,
  };
}

/**
 * Runs one synthesis try: the task and the workers' reports, one call, no
 * tools. Then checks it: no answer, or an answer that drops a finding of
 * the `checked` reports, is a failed validation.
 */
export async function trySynthesis(input: {
  readonly context: AgentContext;
  readonly workload: Workload;
  readonly task: string;
  readonly reports: readonly { readonly question: string; readonly text: string }[];
  /** The reports whose findings the answer must keep. @default every report */
  readonly checked?: readonly string[];
  readonly model: string;
  readonly name: string;
}): Promise<StepTry> {
  const result = await runAgent({
    client: input.context.client,
    budget: input.context.budget,
    model: input.model,
    prompt: synthesisPrompt(input.task, input.reports),
    system: [input.workload.systemPrompt, rolePrompts.synthesize],
    maxTurns: 1,
    maxTokens: 1024,
    cache: {},
    name: input.name,
  });
  const problem =
    missingAnswer(result.status, result.text) ??
    droppedFindings(input.checked ?? input.reports.map((report) => report.text), result.text);
  return {
    model: input.model,
    text: result.text,
    status: result.status,
    cost: result.cost,
    turns: result.turns,
    failure: problem === undefined ? undefined : { kind: 'validation', reason: problem },
  };
}
