// The first messages of a subagent and of the synthesis, written as runTask
// writes them (packages/core/src/orchestrator/role-prompts.ts), so the eval's
// agents see what the orchestrator's would.

/** A subagent's first message: its subtask, and the findings it depends on. */
export function subagentPrompt(question: string, findings: readonly string[]): string {
  if (findings.length === 0) return question;
  return `${question}\n\nFindings you can use:\n${findings.map((finding) => `- ${finding}`).join('\n')}`;
}

/** The synthesizer's message: the task and each worker's report. */
export function synthesisPrompt(
  task: string,
  reports: readonly { readonly question: string; readonly text: string }[],
): string {
  const body = reports
    .map((report, index) => `Report ${String(index + 1)} (${report.question}):\n${report.text}`)
    .join('\n\n');
  return `${task}\n\n${body}`;
}
