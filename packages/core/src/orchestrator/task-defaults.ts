import type { AgentStatus } from '../agent/agent-events';
import { defaultModelTiers } from '../pricing/model-tiers';
import type { TaskStatus } from './orchestrator-machine';

/** Serial work with more subtasks than this is planned: subagents with isolated contexts may cost less. */
export const serialPlanThreshold = 8;

export const defaultModels = {
  triage: 'claude-haiku-4-5',
  plan: 'claude-sonnet-4-6',
  work: 'claude-sonnet-4-6',
};

/** The one list of tiers; it matches the default models, so a downgrade goes sonnet -> haiku. */
export const defaultTiers: readonly string[] = defaultModelTiers;

/** The task's status for how its working agent ended. */
export const statusOfAgent: Readonly<Record<AgentStatus, TaskStatus>> = {
  completed: 'done',
  budget_exhausted: 'budgetExhausted',
  aborted: 'aborted',
  failed: 'failed',
  max_turns: 'failed',
};

/** An agent's status for how a nested task ended. */
export const agentStatusOf: Readonly<Record<TaskStatus, AgentStatus>> = {
  done: 'completed',
  budgetExhausted: 'budget_exhausted',
  aborted: 'aborted',
  failed: 'failed',
};
