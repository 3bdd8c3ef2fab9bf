import type { ModelRequest } from '@bursar/core/spec';

// `@bursar/core/spec` does not export `AgentIdentity` by name (yet).
type AgentIdentity = NonNullable<ModelRequest['agent']>;

/**
 * Names of the request headers that carry the calling agent's identity, out
 * of band: only Bursar's simulator reads them (the real API ignores unknown
 * headers, and its `metadata` accepts only `user_id`), so they never change
 * the prompt, the body or the bill.
 *
 * @example
 * ```ts
 * request.headers.get(agentHeaderNames.role); // 'subagent'
 * ```
 */
export const agentHeaderNames = Object.freeze({
  id: 'x-bursar-agent-id',
  role: 'x-bursar-agent-role',
  subtask: 'x-bursar-subtask',
} as const);

/**
 * The headers of a request made for `agent`: `x-bursar-agent-id`,
 * `x-bursar-agent-role` and, when the agent works on one,
 * `x-bursar-subtask`; none without an agent. Each value is
 * `encodeURIComponent`-encoded, so any id is a valid header value (read it
 * back with `decodeURIComponent`).
 *
 * @example
 * ```ts
 * agentHeaders({ id: 'subagent:rivers', role: 'subagent', subtask: 'rivers' });
 * // { 'x-bursar-agent-id': 'subagent%3Arivers', 'x-bursar-agent-role': 'subagent', 'x-bursar-subtask': 'rivers' }
 * ```
 * @internal
 */
export function agentHeaders(agent: AgentIdentity | undefined): Record<string, string> {
  if (agent === undefined) return {};
  return {
    [agentHeaderNames.id]: encodeURIComponent(agent.id),
    [agentHeaderNames.role]: encodeURIComponent(agent.role),
    ...(agent.subtask === undefined
      ? {}
      : { [agentHeaderNames.subtask]: encodeURIComponent(agent.subtask) }),
  };
}
