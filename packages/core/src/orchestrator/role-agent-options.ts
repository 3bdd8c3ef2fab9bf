import type { RunAgentOptions } from '../agent/run-agent';
import { degradationKinds, type DegradationKind } from '../budget/degradation-ladder';
import type { CachePlan } from '../model/model-request';
import type { AgentLaunch } from './fan-out';
import { rolePrompts } from './role-prompts';
import type { RunTaskOptions } from './run-task-options';

/** The part of an agent's options its role decides. */
export type RoleAgentOptions = Pick<
  RunAgentOptions,
  'system' | 'reference' | 'tools' | 'maxTurns' | 'cache' | 'context' | 'minOutputTokens'
>;

/** What {@link roleAgentOptions} reads besides the launch. @internal */
export interface RoleAgentSettings {
  readonly maxTurns: number;
  readonly minOutputTokens: number | undefined;
  /** The ladder's steps: without `cap-output`, no turn is capped. */
  readonly ladderOrder: readonly DegradationKind[] | undefined;
}

/**
 * What an agent of the launch's role gets from the task: its system prompt,
 * reference, tools, turns, cache plan, context discipline and how far its
 * output may be capped. Triage, plan and synthesis are one call with no tools
 * and nothing to cache turn to turn.
 *
 * @example
 * ```ts
 * const shaped = roleAgentOptions(options, { maxTurns: 20, minOutputTokens: undefined, ladderOrder: undefined }, launch);
 * await runAgent({ ...shaped, client, budget, model: launch.model, prompt: launch.prompt, maxTokens: launch.maxTokens });
 * ```
 * @internal
 */
export function roleAgentOptions(
  options: RunTaskOptions,
  settings: RoleAgentSettings,
  launch: AgentLaunch,
): RoleAgentOptions {
  const working = launch.role !== 'triage' && launch.role !== 'plan';
  const system =
    launch.role === 'triage' || launch.role === 'plan'
      ? [rolePrompts[launch.role]]
      : launch.role === 'subagent'
        ? [...(options.system ?? []), rolePrompts.subagent]
        : launch.role === 'synthesize'
          ? [...(options.system ?? []), rolePrompts.synthesize]
          : [...(options.system ?? [])];
  const usesTools = working && launch.role !== 'synthesize';
  const cache: CachePlan = usesTools
    ? {
        system: '5m',
        ...(options.reference?.length ? { reference: '5m' } : {}),
        conversation: '5m',
      }
    : {};
  // A cut triage or plan is worth nothing (its JSON is incomplete); a
  // subagent refused goes on downgraded instead, so that the money left
  // reaches its queued siblings (capped subagents spent it at the dearer
  // model: pnpm demo's fan-out at $0.05 fell from 1.00 to 0.53 on the
  // parallel set); a ladder without cap-output wants no capped turns.
  const capsOutput =
    working &&
    launch.role !== 'subagent' &&
    (settings.ladderOrder ?? degradationKinds).includes('cap-output');
  return {
    system,
    ...(working && options.reference !== undefined && launch.role !== 'synthesize'
      ? { reference: options.reference }
      : {}),
    tools: usesTools ? (options.tools ?? []) : [],
    maxTurns: usesTools ? settings.maxTurns : 1,
    cache,
    ...(usesTools && (options.context !== undefined || launch.prune)
      ? {
          context: {
            ...options.context,
            ...(launch.prune ? { prune: options.context?.prune ?? true } : {}),
          },
        }
      : {}),
    ...(capsOutput
      ? settings.minOutputTokens === undefined
        ? {}
        : { minOutputTokens: Math.min(settings.minOutputTokens, launch.maxTokens) }
      : { minOutputTokens: launch.maxTokens }),
  };
}
