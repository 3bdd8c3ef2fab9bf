/**
 * The instructions of the orchestrator's own calls. Which part a call plays
 * travels as data (`ModelRequest.agent`), never as text in the prompt.
 */
export const rolePrompts = {
  triage: [
    'You judge a task before anyone works on it: how big it is, and whether parts of it can be done at the same time by separate workers.',
    'Reply with JSON only: {"size": "small" | "large", "parallelizable": boolean, "subtasks": number}.',
  ].join('\n'),
  plan: [
    'You split a task into subtasks for separate workers. Each subtask is one self-contained question; list the ids of the subtasks whose findings it needs.',
    'Reply with JSON only: {"subtasks": [{"id": string, "question": string, "dependsOn": [string]}]}.',
  ].join('\n'),
  subagent: [
    'You work one subtask of a larger task. Use the tools you need, then answer with the facts you found, briefly.',
  ].join('\n'),
  synthesize: [
    "You write the final answer to a task from the workers' reports below. Keep every fact they found that answers the task.",
  ].join('\n'),
} as const;

/**
 * The first message of a subagent: its subtask, and the findings it depends on.
 *
 * @example
 * ```ts
 * subagentPrompt('What is the population of Kell?', ['Kell is the capital.']);
 * ```
 */
export function subagentPrompt(question: string, findings: readonly string[]): string {
  if (findings.length === 0) return question;
  return `${question}\n\nFindings you can use:\n${findings.map((finding) => `- ${finding}`).join('\n')}`;
}

/**
 * The synthesizer's message: the task and each worker's report.
 *
 * @example
 * ```ts
 * synthesisPrompt(task, [{ question: 'Population of Kell?', text: 'Answer: 41,200.' }]);
 * ```
 */
export function synthesisPrompt(
  task: string,
  reports: readonly { readonly question: string; readonly text: string }[],
): string {
  const body = reports
    .map((report, index) => `Report ${String(index + 1)} (${report.question}):\n${report.text}`)
    .join('\n\n');
  return `${task}\n\n${body}`;
}

/**
 * The message of an agent that takes over the rest of a task (after a collapse).
 *
 * @example
 * ```ts
 * continuationPrompt(task, reports.map((report) => report.text));
 * ```
 */
export function continuationPrompt(task: string, findings: readonly string[]): string {
  if (findings.length === 0) return task;
  return `${task}\n\nFindings so far (do not look these up again):\n${findings.map((finding) => `- ${finding}`).join('\n')}`;
}
