import type { Responder } from '../messages/responder';
import { fitToMaxTokens } from './fit-to-max-tokens';
import { readRequest, type RequestReading } from './request-reading';
import { SimulatedTurn, type Located } from './simulated-turn';
import type { Workload } from './workload-schema';

/**
 * What an agent is asked to do: from the request's `x-bursar-agent-role`
 * header, or (deprecated) a `bursar-role:` line of its prompt.
 */
export type WorkloadRole = 'agent' | 'subagent' | 'triage' | 'plan' | 'compact' | 'synthesize';

const roles: readonly WorkloadRole[] = [
  'agent',
  'subagent',
  'triage',
  'plan',
  'compact',
  'synthesize',
];
// Roles of a caller's identity that work the task as it is found: a single
// agent, or the continuation of a fan-out, answer like any agent; a request
// that names a step gets it worked as a subagent would.
const workingRoles: readonly string[] = ['agent', 'single', 'continuation'];
const rolePattern = /bursar-role:\s*([a-z]+)/;
const taskPattern = /bursar-task:\s*(\S+)/;
const stepPattern = /bursar-step:\s*(\S+)/;

/**
 * Who makes a request, as its `x-bursar-agent-*` headers say (the simulator
 * reads them; see docs/workloads.md, "Roles").
 */
export interface WorkloadCaller {
  /** The agent's id in its task (`subagent:rivers`). */
  readonly id?: string | undefined;
  /** Its role: `triage`, `plan`, `single`, `subagent`, `continuation`, `synthesize`, `compact`, `agent`. */
  readonly role?: string | undefined;
  /** The subtask (a workload step id) a subagent works on. */
  readonly subtask?: string | undefined;
}

/** What the workload responder is told about a request besides its body. */
export type WorkloadResponderContext = Parameters<Responder>[1] & {
  /** The calling agent, from the request's headers; absent for requests without them. */
  readonly caller?: WorkloadCaller | undefined;
};

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
  /** Answers a request; `context.caller` is the agent its headers name, if any. */
  readonly respond: (
    request: Parameters<Responder>[0],
    context: WorkloadResponderContext,
  ) => ReturnType<Responder>;
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
 * call once in a while, and writes malformed plans. The role comes from the
 * caller's identity (`context.caller.role`, which the simulator reads from the
 * `x-bursar-agent-role` header): triage, plan, subagent, compact, synthesize;
 * a single agent, a continuation or no role at all works the task (or, when
 * the request names a step, that step, as a subagent). A subagent's
 * `x-bursar-subtask` picks its step of the task by id. A `bursar-role:` line in
 * the system prompt or first user message is still read when no role header
 * is sent, for recorded workloads and traces made before the header: it is
 * deprecated. Requests it does not recognize get `undefined`, so the generic
 * answer serves them.
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

  const respond: WorkloadResponder['respond'] = (request, context) => {
    const reading = readRequest(request);
    const found = locate(reading);
    if (found === undefined) return undefined;
    const located = withSubtask(found, context.caller?.subtask);
    const role = roleOf(context.caller?.role, reading, located);
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

/** The located task narrowed to the step a subagent's `x-bursar-subtask` names, if the task has it. */
function withSubtask(located: Located, subtask: string | undefined): Located {
  if (subtask === undefined) return located;
  const step = located.task.steps.find((candidate) => candidate.id === subtask);
  return step === undefined ? located : { ...located, step };
}

/**
 * The role a request plays: the caller's role header when it names one the
 * model knows; else, with no header, the deprecated `bursar-role:` line; else
 * a subagent when a step was found, an agent otherwise.
 */
function roleOf(
  headerRole: string | undefined,
  reading: RequestReading,
  located: Located,
): WorkloadRole {
  const fallback: WorkloadRole = located.step !== undefined ? 'subagent' : 'agent';
  if (headerRole !== undefined) {
    if (workingRoles.includes(headerRole)) return fallback;
    return isWorkloadRole(headerRole) ? headerRole : fallback;
  }
  const lineRole =
    rolePattern.exec(reading.systemText)?.[1] ?? rolePattern.exec(reading.firstUserText)?.[1];
  return lineRole !== undefined && isWorkloadRole(lineRole) ? lineRole : fallback;
}

function isWorkloadRole(name: string): name is WorkloadRole {
  return (roles as readonly string[]).includes(name);
}
