export type { AgentEvent, AgentStatus } from './agent-events';
export type { AgentTool, AnyAgentTool } from './agent-tool';
export { runAgent, type AgentResult, type ContextOptions, type RunAgentOptions } from './run-agent';
