/**
 * The part of a task a step plays, as the orchestrator names its agents:
 * `triage` and `plan` decide the shape, `subagent`, `single` and
 * `continuation` do the work, `synthesize` writes the answer from reports.
 */
export type RouteRole = 'triage' | 'plan' | 'subagent' | 'single' | 'continuation' | 'synthesize';

/** Every {@link RouteRole}, in the order a task meets them. */
export const routeRoles: readonly RouteRole[] = [
  'triage',
  'plan',
  'subagent',
  'single',
  'continuation',
  'synthesize',
];

/**
 * How hard a cheap triage model judged a step. The router makes no call: the
 * judgement is data the caller passes in.
 */
export type Difficulty = 'easy' | 'hard';

/**
 * One step to route: what it is, what it asks, and how many tries it has had.
 *
 * @example
 * ```ts
 * const step: RouteRequest = {
 *   role: 'subagent',
 *   text: 'Who were the first 5 picks in the 1998 MLB Draft?',
 *   minimumModel: 'claude-sonnet-4-6',
 *   attempt: 0,
 * };
 * ```
 */
export interface RouteRequest {
  readonly role: RouteRole;
  /** The subtask's question, or the task for a single agent. */
  readonly text: string;
  /** The least capable model that does this step right: the router never goes below it. */
  readonly minimumModel?: string;
  /** 0 on the first try; each failed try before this one moves one tier up. */
  readonly attempt: number;
  /** A triage model's judgement of the step, when there is one. */
  readonly difficulty?: Difficulty;
}

/**
 * The model a step runs on, and why, in words fit for a report's decisions.
 *
 * @example
 * ```ts
 * const decision: RouteDecision = {
 *   model: 'claude-haiku-4-5',
 *   reason: 'subagent: the default claude-haiku-4-5',
 * };
 * ```
 */
export interface RouteDecision {
  readonly model: string;
  readonly reason: string;
}
