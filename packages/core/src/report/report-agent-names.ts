import type { TaskReport } from './task-report';

/** How the HTML page names an agent of the report. */
export interface AgentLabel {
  /** The name shown: the agent's own (`triage`, `plan`, `single`, ...), or `Subagent 2`. */
  readonly name: string;
  /** The agent's id in the report when the name is not it (a subagent's `subagent:<id>`). */
  readonly id: string | undefined;
}

/**
 * Names the report's agents for people: subagents, whose ids are the
 * planner's subtask ids (often hashes), become `Subagent 1`, `Subagent 2`,
 * ... in the order the report lists them, their ids kept as a detail; every
 * other agent keeps its name.
 *
 * @example
 * ```ts
 * agentLabels(report).get('subagent:bca4ab7d1f4df703'); // { name: 'Subagent 1', id: 'subagent:bca4ab7d1f4df703' }
 * ```
 */
export function agentLabels(report: Pick<TaskReport, 'byAgent'>): Map<string, AgentLabel> {
  const labels = new Map<string, AgentLabel>();
  let subagents = 0;
  for (const agent of report.byAgent) {
    if (agent.role === 'subagent') {
      subagents += 1;
      labels.set(agent.agent, { name: `Subagent ${String(subagents)}`, id: agent.agent });
    } else {
      labels.set(agent.agent, { name: agent.agent, id: undefined });
    }
  }
  return labels;
}
