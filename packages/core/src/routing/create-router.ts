import { InvalidArgumentError } from '../errors/invalid-argument-error';
import type { PriceTable } from '../pricing/price-table';
import { failureKinds, type EscalationFailure } from './escalation-failure';
import { createModelRanker } from './model-tiers';
import { routeRoles, type RouteDecision, type RouteRequest, type RouteRole } from './route-request';
import { matchesRule, type RoutingRule } from './routing-rule';
import { checkRouterOptions } from './router-options';

/** Options of {@link createRouter}. Every model named must be in the price table. */
export interface RouterOptions {
  /**
   * The models escalation climbs, cheapest first (lines never go down:
   * haiku, sonnet, opus, fable, mythos).
   * @default ['claude-haiku-4-5', 'claude-sonnet-4-6', 'claude-opus-4-6']
   */
  readonly tiers?: readonly string[];
  /**
   * Where a step goes that no rule or judgement places. Set it to the first
   * tier for a cascade (start cheap, escalate on failure).
   * @default the second tier (sonnet 4.6), as `runTask`'s work model
   */
  readonly defaultModel?: string;
  /**
   * A start model per role, before `defaultModel`.
   * @default { triage: the first tier, plan: the second tier }
   */
  readonly roles?: Partial<Record<RouteRole, string>>;
  /** Tried in order before anything else; the first match wins. @default [] */
  readonly rules?: readonly RoutingRule[];
  /**
   * Where a step goes by a triage judgement (`step.difficulty`), after rules.
   * @default { easy: the first tier, hard: the last tier }
   */
  readonly difficulty?: { readonly easy?: string; readonly hard?: string };
  /** A floor per role that no rule or judgement goes under (a plan below sonnet comes out malformed). @default {} */
  readonly minimums?: Partial<Record<RouteRole, string>>;
  /** Knows each model's line, to rank models outside `tiers`. @default defaultPriceTable */
  readonly priceTable?: PriceTable;
}

/**
 * Chooses the model of each step, and the next one up when a try fails. Pure:
 * it makes no call and keeps no state between calls.
 */
export interface Router {
  /** The tiers, cheapest first. */
  readonly tiers: readonly string[];
  /**
   * The model of one step. The start model is the first matching rule's,
   * else the triage judgement's, else the role's, else `defaultModel`; it is
   * raised to the step's minimum and its role's; each earlier failed try
   * (`attempt`) then moves it one tier up, stopping at the top.
   */
  route(step: RouteRequest): RouteDecision;
  /**
   * The next tier above `model` after a failed try, or undefined at the top
   * (nothing above to try: the caller keeps what it has). The failed try's
   * cost stays in the ledger: the caller's budget already charged it.
   */
  escalate(model: string, failure: EscalationFailure): RouteDecision | undefined;
}

/**
 * Creates a router over model tiers: user rules, a triage judgement passed
 * as data, a per-step minimum it never goes below, and escalation one tier
 * up on a malformed output, a loop or a failed validation.
 *
 * @example
 * ```ts
 * const router = createRouter({
 *   defaultModel: 'claude-haiku-4-5', // a cascade: start cheap
 *   rules: [{ name: 'lists', role: 'subagent', pattern: /first \d+/, model: 'claude-sonnet-4-6' }],
 * });
 * let { model } = router.route({ role: 'subagent', text: question, attempt: 0 });
 * // ... run the step; it looped:
 * const next = router.escalate(model, { kind: 'loop', reason: 'search twice in a row' });
 * if (next !== undefined) model = next.model; // claude-sonnet-4-6
 * ```
 */
export function createRouter(options: RouterOptions = {}): Router {
  const checked = checkRouterOptions(options);
  const { tiers, priceTable } = checked;
  const ranker = createModelRanker(tiers, priceTable);
  const top = tiers.length - 1;
  const tierAt = (index: number): string => tiers[Math.min(Math.max(index, 0), top)] ?? '';
  const middle = tierAt(1);
  const defaultModel = options.defaultModel ?? middle;
  const roles: Partial<Record<RouteRole, string>> = {
    triage: tierAt(0),
    plan: middle,
    ...options.roles,
  };
  const difficulty = { easy: tierAt(0), hard: tierAt(top), ...options.difficulty };
  const minimums = options.minimums ?? {};
  const rules = options.rules ?? [];

  const start = (step: RouteRequest): { model: string; why: string } => {
    const index = rules.findIndex((rule) => matchesRule(rule, step));
    const rule = rules[index];
    if (rule !== undefined)
      return { model: rule.model, why: `rule ${rule.name ?? `rules[${index}]`}` };
    if (step.difficulty !== undefined)
      return { model: difficulty[step.difficulty], why: `triage judged it ${step.difficulty}` };
    const forRole = roles[step.role];
    if (forRole !== undefined) return { model: forRole, why: `the ${step.role} model` };
    return { model: defaultModel, why: 'the default model' };
  };

  return {
    tiers,
    route(step) {
      checkStep(step);
      const chosen = start(step);
      let model = chosen.model;
      const why = [`${chosen.why}: ${model}`];
      let rank = ranker.rank(model, 'model');
      const floors = [
        { model: step.minimumModel, argument: 'step.minimumModel', label: 'the step' },
        { model: minimums[step.role], argument: `minimums.${step.role}`, label: 'the role' },
      ];
      for (const floor of floors) {
        if (floor.model === undefined) continue;
        const floorRank = ranker.rank(floor.model, floor.argument);
        if (rank >= floorRank) continue;
        const index = ranker.atLeast(floorRank);
        // No tier reaches the floor: the floor model itself is the least that does the step.
        model = index === undefined ? floor.model : tierAt(index);
        rank = index ?? floorRank;
        why.push(`raised to ${model}, ${floor.label}'s minimum ${floor.model}`);
      }
      let climbed = 0;
      while (climbed < step.attempt) {
        const index = ranker.above(rank);
        if (index === undefined) break;
        model = tierAt(index);
        rank = index;
        climbed += 1;
      }
      if (step.attempt > 0)
        why.push(
          climbed === step.attempt
            ? `attempt ${step.attempt}: ${climbed} tier(s) up to ${model}`
            : `attempt ${step.attempt}: at the top tier, ${model}`,
        );
      return { model, reason: `${step.role}: ${why.join('; ')}` };
    },
    escalate(model, failure) {
      checkFailure(failure);
      const index = ranker.above(ranker.rank(model, 'model'));
      if (index === undefined) return undefined;
      const next = tierAt(index);
      return {
        model: next,
        reason: `escalated from ${model} to ${next} after ${failure.kind}: ${failure.reason}`,
      };
    },
  };
}

function checkStep(step: RouteRequest): void {
  if (typeof step !== 'object' || (step as unknown) === null)
    throw new InvalidArgumentError({
      argument: 'step',
      value: step,
      message: 'expected an object',
    });
  if (!routeRoles.includes(step.role))
    throw new InvalidArgumentError({
      argument: 'step.role',
      value: step.role,
      message: `expected one of ${routeRoles.join(', ')}`,
    });
  if (typeof step.text !== 'string')
    throw new InvalidArgumentError({
      argument: 'step.text',
      value: step.text,
      message: 'expected text',
    });
  if (!Number.isInteger(step.attempt) || step.attempt < 0)
    throw new InvalidArgumentError({
      argument: 'step.attempt',
      value: step.attempt,
      message: 'expected a whole number of at least 0',
    });
  const difficulty: unknown = step.difficulty;
  if (difficulty !== undefined && difficulty !== 'easy' && difficulty !== 'hard')
    throw new InvalidArgumentError({
      argument: 'step.difficulty',
      value: step.difficulty,
      message: "expected 'easy' or 'hard'",
    });
}

function checkFailure(failure: EscalationFailure): void {
  if (typeof failure !== 'object' || (failure as unknown) === null)
    throw new InvalidArgumentError({
      argument: 'failure',
      value: failure,
      message: 'expected { kind, reason }',
    });
  if (!failureKinds.includes(failure.kind))
    throw new InvalidArgumentError({
      argument: 'failure.kind',
      value: failure.kind,
      message: `expected one of ${failureKinds.join(', ')}`,
    });
  if (typeof failure.reason !== 'string' || failure.reason.length === 0)
    throw new InvalidArgumentError({
      argument: 'failure.reason',
      value: failure.reason,
      message: 'expected a non-empty reason',
    });
}
