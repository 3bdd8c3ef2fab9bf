import type { Responder } from '../messages/responder';
import { fitToMaxTokens } from './fit-to-max-tokens';
import { readRequest, type RequestReading } from './request-reading';
import { SimulatedTurn, type Located } from './simulated-turn';
import type { Workload } from './workload-schema';

/** What an agent is asked to do, by the `bursar-role:` line of its prompt. */
export type WorkloadRole = 'agent' | 'subagent' | 'triage' | 'plan' | 'compact' | 'synthesize';

const roles: readonly WorkloadRole[] = [
  'agent',
  'subagent',
  'triage',
  'plan',
  'compact',
  'synthesize',
];
const rolePattern = /bursar-role:\s*([a-z]+)/;
const taskPattern = /bursar-task:\s*(\S+)/;
const stepPattern = /bursar-step:\s*(\S+)/;

/** The grade of a final answer: the share of the task's required facts it carries. */
export interface Grade {
  readonly taskId: string;
  /** 0 to 1. */
  readonly score: number;
  readonly present: readonly string[];
  readonly missing: readonly string[];
}

/** A responder that works scripted workloads, and grades their answers. */
export interface WorkloadResponder {
  readonly respond: Responder;
  /** Grades a final answer of a task; throws for an unknown task id. */
  grade(taskId: string, finalText: string): Grade;
  readonly workloads: readonly Workload[];
}

/**
 * The simulated model for scripted workloads. It answers only from what is in
 * the request: it finds the task (or subtask) by its exact text in the first
 * user message or a `bursar-task:` / `bursar-step:` line, makes the declared
 * tool calls in dependency order, restates the facts of each tool result
 * right after reading it, and answers with the facts its context still holds.
 * Below a step's `minimumLine` it misses half of that step's facts, repeats a
 * call once in a while, and writes malformed plans. Roles come from a
 * `bursar-role:` line (plain prompt text the real API also accepts): triage,
 * plan, subagent, compact, synthesize; the default is a single agent. Requests
 * it does not recognize get `undefined`, so the generic answer serves them.
 *
 * @example
 * ```ts
 * const model = createWorkloadResponder([workload]);
 * createSimulator({ responder: model.respond });
 * model.grade(task.id, finalText).score; // 1 when every fact is there
 * ```
 */
export function createWorkloadResponder(workloads: readonly Workload[]): WorkloadResponder {
  const byPrompt = new Map<string, Located>();
  const byTaskId = new Map<string, Located>();
  const byQuestion = new Map<string, Located>();
  const byStepId = new Map<string, Located>();
  for (const workload of workloads) {
    for (const task of workload.tasks) {
      const located = { workload, task, step: undefined };
      byPrompt.set(task.prompt, located);
      byTaskId.set(task.id, located);
      for (const step of task.steps) {
        byQuestion.set(step.question, { workload, task, step });
        byStepId.set(`${task.id}/${step.id}`, { workload, task, step });
      }
    }
  }

  const locate = (reading: RequestReading): Located | undefined => {
    const tagged =
      taskPattern.exec(reading.systemText)?.[1] ?? taskPattern.exec(reading.firstUserText)?.[1];
    const stepTag =
      stepPattern.exec(reading.systemText)?.[1] ?? stepPattern.exec(reading.firstUserText)?.[1];
    if (tagged !== undefined && stepTag !== undefined) return byStepId.get(`${tagged}/${stepTag}`);
    if (tagged !== undefined) return byTaskId.get(tagged);
    const exact =
      byPrompt.get(reading.firstUserText.trim()) ?? byQuestion.get(reading.firstUserText.trim());
    if (exact !== undefined) return exact;
    // The prompt may be wrapped in other words: the longest text it contains wins.
    let best: Located | undefined;
    let bestLength = 0;
    for (const [text, located] of [...byQuestion, ...byPrompt]) {
      if (text.length > bestLength && reading.firstUserText.includes(text)) {
        best = located;
        bestLength = text.length;
      }
    }
    if (best !== undefined) return best;
    // A compaction or synthesis request carries the conversation elsewhere.
    for (const [text, located] of byPrompt) if (reading.context.includes(text)) return located;
    return undefined;
  };

  const respond: Responder = (request, context) => {
    const reading = readRequest(request);
    const located = locate(reading);
    if (located === undefined) return undefined;
    const roleName =
      rolePattern.exec(reading.systemText)?.[1] ?? rolePattern.exec(reading.firstUserText)?.[1];
    const role: WorkloadRole =
      roleName !== undefined && (roles as readonly string[]).includes(roleName)
        ? (roleName as WorkloadRole)
        : located.step !== undefined
          ? 'subagent'
          : 'agent';
    const model = new SimulatedTurn(reading, located, context);
    const answer = model.answer(role);
    return fitToMaxTokens(answer, request.max_tokens ?? 0, context.countTokens);
  };

  return {
    respond,
    workloads,
    grade(taskId, finalText) {
      const located = byTaskId.get(taskId);
      if (located === undefined) throw new RangeError(`Unknown task ${JSON.stringify(taskId)}.`);
      const facts = located.task.answerFacts;
      const present = facts.filter((fact) => finalText.includes(fact));
      return {
        taskId,
        score: facts.length === 0 ? 1 : present.length / facts.length,
        present,
        missing: facts.filter((fact) => !finalText.includes(fact)),
      };
    },
  };
}
