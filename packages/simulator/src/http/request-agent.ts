import { SimulatorApiError } from '../api/api-error';

/**
 * The calling agent's identity, as Bursar's Anthropic client sends it in
 * headers (`x-bursar-agent-id`, `x-bursar-agent-role`, `x-bursar-subtask`,
 * each URI-encoded). Only the simulator reads them: they never change the
 * prompt, the cache or the bill.
 */
export interface RequestAgent {
  /** Unique in its task: `single`, `subagent:<subtask>`, `synthesize`, ... */
  readonly id: string | undefined;
  /** `triage`, `plan`, `single`, `subagent`, `continuation`, `synthesize`, `compact`, `agent`. */
  readonly role: string | undefined;
  /** The subtask a subagent works on. */
  readonly subtask: string | undefined;
}

/** Names of the agent identity headers. */
export const agentHeaderNames = Object.freeze({
  id: 'x-bursar-agent-id',
  role: 'x-bursar-agent-role',
  subtask: 'x-bursar-subtask',
} as const);

/**
 * Reads the agent identity headers of a request; `undefined` when it carries
 * none. A value that is not valid URI encoding is a 400 naming the header.
 *
 * @example
 * ```ts
 * const request = new Request('http://sim/v1/messages', { headers: { 'x-bursar-agent-role': 'plan' } });
 * requestAgent(request); // { id: undefined, role: 'plan', subtask: undefined }
 * ```
 */
export function requestAgent(request: Request): RequestAgent | undefined {
  const id = decodedHeader(request, agentHeaderNames.id);
  const role = decodedHeader(request, agentHeaderNames.role);
  const subtask = decodedHeader(request, agentHeaderNames.subtask);
  if (id === undefined && role === undefined && subtask === undefined) return undefined;
  return { id, role, subtask };
}

function decodedHeader(request: Request, name: string): string | undefined {
  const value = request.headers.get(name);
  if (value === null || value.trim() === '') return undefined;
  try {
    return decodeURIComponent(value.trim());
  } catch {
    throw new SimulatorApiError(
      'invalid_request_error',
      `${name}: expected a URI-encoded value (encodeURIComponent), got ${JSON.stringify(value)}`,
    );
  }
}
