import { InvalidArgumentError } from '../errors/invalid-argument-error';
import { formatUsd } from '../money/format-usd';
import { createModelRanker, defaultModelTiers, type ModelRanker } from '../pricing/model-tiers';
import type { PriceTable } from '../pricing/price-table';
import type { BudgetSnapshot } from './budget';
import { isOver } from './pressure';
import { project, type Projection } from './projection';
import type { PlannedStep, WorkPlan } from './work-plan';

/** The ladder's steps, by name. */
export type DegradationKind = 'prune' | 'collapse' | 'downgrade' | 'cap-output' | 'batch' | 'stop';

/** All kinds, in the default order (least harm first). */
export const degradationKinds: readonly DegradationKind[] = [
  'batch',
  'prune',
  'cap-output',
  'collapse',
  'downgrade',
  'stop',
];

/** One action of a decision, with the steps it touches. */
export type DegradationAction =
  | { readonly kind: 'prune'; readonly steps: readonly string[] }
  | {
      readonly kind: 'collapse';
      readonly group: string;
      readonly from: number;
      readonly to: number;
    }
  | {
      readonly kind: 'downgrade';
      readonly steps: readonly {
        readonly id: string;
        readonly from: string;
        readonly to: string;
      }[];
    }
  | { readonly kind: 'cap-output'; readonly steps: readonly string[]; readonly maxTokens: number }
  | { readonly kind: 'batch'; readonly steps: readonly string[] }
  | { readonly kind: 'stop' };

/** Options of the ladder. */
export interface LadderOptions {
  /**
   * Which steps the ladder may take, in order of preference (ties in quality
   * loss go to the earlier one).
   * @default degradationKinds
   */
  readonly order?: readonly DegradationKind[];
  /** Expected loss of quality (0 to 1) of each step. @default see defaultQualityLoss */
  readonly qualityLoss?: Partial<Record<DegradationKind, number>>;
  /** Models from cheapest to dearest, for downgrades. @default defaultModelTiers */
  readonly modelTiers?: readonly string[];
  /** `collapse` merges a fan-out group of n agents into this many. @default 1 */
  readonly collapseTo?: number;
  /** Steps that change no answer: the only ones taken under `caution`. @default ['batch', 'prune'] */
  readonly qualityNeutral?: readonly DegradationKind[];
}

/** Expected quality loss of each step, a rough prior to be replaced by measured ones. */
export const defaultQualityLoss: Readonly<Record<DegradationKind, number>> = {
  batch: 0,
  prune: 0.02,
  'cap-output': 0.05,
  collapse: 0.05,
  downgrade: 0.15,
  stop: 1,
};

// The one list of tiers (shared with the router and the orchestrator), kept
// exported here under its public name.
export { defaultModelTiers };

/** What the ladder decided. */
export interface DegradationDecision {
  readonly actions: readonly DegradationAction[];
  /** The plan with the actions applied. */
  readonly plan: WorkPlan;
  readonly before: Projection;
  readonly after: Projection;
  /** Total expected quality loss of the actions. */
  readonly qualityLoss: number;
  readonly reason: string;
}

/**
 * The ladder, a pure function: from a budget's state and the remaining plan to
 * the set of actions that brings the projection under `target` of the limit at
 * the least expected loss of quality. Each candidate action is applied to the
 * plan and the plan re-forecast, so an action that would not save (pruning
 * whose re-write costs more than it saves, a collapse that grows one context
 * past the sum of many) is never chosen for its name. `stop` is the last
 * resort and always reaches the target as far as the remaining work can.
 *
 * @example
 * ```ts
 * const decision = planDegradation(budget.snapshot(), plan, { priceTable, target: 0.95, allowed: 'all' });
 * decision.actions; // e.g. [{ kind: 'batch', steps: ['summaries'] }, { kind: 'downgrade', steps: [...] }]
 * ```
 */
export function planDegradation(
  snapshot: BudgetSnapshot,
  plan: WorkPlan,
  options: LadderOptions & {
    readonly priceTable: PriceTable;
    /** Share of the limit to get under. */
    readonly target: number;
    /** `neutral` under caution, `all` under critical. */
    readonly allowed: 'neutral' | 'all';
  },
): DegradationDecision {
  const order = options.order ?? degradationKinds;
  for (const kind of order) {
    if (!degradationKinds.includes(kind)) {
      throw new InvalidArgumentError({
        argument: 'ladder.order',
        value: kind,
        message: `unknown step; known: ${degradationKinds.join(', ')}`,
      });
    }
  }
  const losses = { ...defaultQualityLoss, ...options.qualityLoss };
  const neutral = options.qualityNeutral ?? ['batch', 'prune'];
  const kinds = order.filter((kind) => options.allowed === 'all' || neutral.includes(kind));
  const before = project(snapshot, plan, options);
  const limit = before.limit;
  const reaches = (projection: Projection): boolean =>
    limit === undefined || !isOver(projection.total, limit, options.target, false);

  // Candidate actions, one per kind, each built against the original plan.
  const candidates = kinds
    .map((kind) => buildAction(kind, plan, options))
    .filter(
      (candidate): candidate is { kind: DegradationKind; action: DegradationAction } =>
        candidate !== undefined,
    );

  let best:
    { actions: DegradationAction[]; plan: WorkPlan; after: Projection; loss: number } | undefined;
  // At most six kinds: trying every subset (64) is cheap and finds the least loss.
  const subsets = 1 << candidates.length;
  for (let mask = 1; mask < subsets; mask += 1) {
    const chosen = candidates.filter((_, index) => (mask & (1 << index)) !== 0);
    const loss = chosen.reduce((sum, candidate) => sum + losses[candidate.kind], 0);
    if (best !== undefined && loss > best.loss) continue;
    const degraded = chosen.reduce(
      (current, candidate) => applyAction(current, candidate.action),
      plan,
    );
    const after = project(snapshot, degraded, options);
    if (!reaches(after) || after.total >= before.total) continue;
    const better =
      best === undefined ||
      loss < best.loss ||
      (loss === best.loss &&
        (chosen.length < best.actions.length ||
          (chosen.length === best.actions.length && after.total < best.after.total)));
    if (better)
      best = { actions: chosen.map((candidate) => candidate.action), plan: degraded, after, loss };
  }
  if (best !== undefined) {
    return {
      actions: best.actions,
      plan: best.plan,
      before,
      after: best.after,
      qualityLoss: best.loss,
      reason: `projected ${usd(before.total)} against a target of ${String(Math.round(options.target * 100))}% of ${limit === undefined ? 'no limit' : usd(limit)}; these actions reach it (${usd(best.after.total)}) at the least expected quality loss`,
    };
  }
  // Nothing reaches the target: take, in order, every allowed action that
  // lowers the projection, then stop if allowed.
  let degraded = plan;
  let current = before;
  const taken: { kind: DegradationKind; action: DegradationAction }[] = [];
  for (const candidate of candidates) {
    if (candidate.kind === 'stop') continue;
    const next = applyAction(degraded, candidate.action);
    const projection = project(snapshot, next, options);
    if (projection.total < current.total) {
      degraded = next;
      current = projection;
      taken.push(candidate);
    }
  }
  const canStop = candidates.some((candidate) => candidate.kind === 'stop');
  const finalPlan = canStop ? { steps: [] } : degraded;
  return {
    actions: [
      ...taken.map((candidate) => candidate.action),
      ...(canStop ? [{ kind: 'stop' as const }] : []),
    ],
    plan: finalPlan,
    before,
    after: canStop ? project(snapshot, finalPlan, options) : current,
    qualityLoss:
      taken.reduce((sum, candidate) => sum + losses[candidate.kind], 0) +
      (canStop ? losses.stop : 0),
    reason: `projected ${usd(before.total)}: no set of allowed actions brings it under ${String(Math.round(options.target * 100))}% of ${limit === undefined ? 'no limit' : usd(limit)}${canStop ? '; stopping with a partial result' : ''}`,
  };
}

function buildAction(
  kind: DegradationKind,
  plan: WorkPlan,
  options: LadderOptions & { priceTable: PriceTable },
): { kind: DegradationKind; action: DegradationAction } | undefined {
  const active = plan.steps.filter((step) => step.turns > 0);
  switch (kind) {
    case 'batch': {
      const steps = active
        .filter((step) => step.latencyTolerant === true && step.lane !== 'batch')
        .map((step) => step.id);
      return steps.length === 0 ? undefined : { kind, action: { kind, steps } };
    }
    case 'prune': {
      const steps = active
        .filter((step) => (step.prunableShare ?? 0.5) > 0 && step.growthPerTurn > 0)
        .map((step) => step.id);
      return steps.length === 0 ? undefined : { kind, action: { kind, steps } };
    }
    case 'cap-output': {
      const capped = active.filter(
        (step) => step.maxTokens > Math.max(step.outputPerTurn, minimumOutputCap),
      );
      if (capped.length === 0) return undefined;
      const maxTokens = Math.max(
        minimumOutputCap,
        ...capped.map((step) => Math.ceil(step.outputPerTurn)),
      );
      return { kind, action: { kind, steps: capped.map((step) => step.id), maxTokens } };
    }
    case 'collapse': {
      const to = options.collapseTo ?? 1;
      const sizes = new Map<string, number>();
      for (const step of active)
        if (step.group !== undefined) sizes.set(step.group, (sizes.get(step.group) ?? 0) + 1);
      const largest = [...sizes].filter(([, size]) => size > to).sort((a, b) => b[1] - a[1])[0];
      return largest === undefined
        ? undefined
        : { kind, action: { kind, group: largest[0], from: largest[1], to } };
    }
    case 'downgrade': {
      const tiers = options.modelTiers ?? defaultModelTiers;
      const ranker = createModelRanker(tiers, options.priceTable, 'ladder.modelTiers');
      const steps = active
        .map((step) => ({ step, to: lowerTier(step, tiers, ranker) }))
        .filter((entry): entry is { step: PlannedStep; to: string } => entry.to !== undefined)
        .map(({ step, to }) => ({ id: step.id, from: step.model, to }));
      return steps.length === 0 ? undefined : { kind, action: { kind, steps } };
    }
    case 'stop':
      return active.length === 0 ? undefined : { kind, action: { kind } };
  }
}

const minimumOutputCap = 256;

/**
 * The model one tier below `step.model` (by the ranker the router climbs), not
 * below its `minimumModel`, or undefined.
 */
function lowerTier(
  step: PlannedStep,
  tiers: readonly string[],
  ranker: ModelRanker,
): string | undefined {
  const index = ranker.below(ranker.rank(step.model, `plan.steps[${step.id}].model`));
  if (index === undefined) return undefined;
  const floor =
    step.minimumModel === undefined
      ? undefined
      : ranker.rank(step.minimumModel, `plan.steps[${step.id}].minimumModel`);
  return floor !== undefined && index < floor ? undefined : tiers[index];
}

/** Applies one action to a plan (pure). */
export function applyAction(plan: WorkPlan, action: DegradationAction): WorkPlan {
  const touches = (ids: readonly string[]) => (step: PlannedStep) => ids.includes(step.id);
  switch (action.kind) {
    case 'batch':
      return mapSteps(plan, touches(action.steps), (step) => ({ ...step, lane: 'batch' }));
    case 'prune':
      return mapSteps(plan, touches(action.steps), (step) => {
        const share = step.prunableShare ?? 0.5;
        const shared = step.sharedPrefixTokens ?? 0;
        const conversation = Math.max(0, step.contextTokens - shared);
        // Pruning edits the conversation, so the cache after the shared prefix is lost.
        return {
          ...step,
          contextTokens: shared + Math.round(conversation * (1 - share)),
          cachedTokens: Math.min(step.cachedTokens ?? 0, shared),
          growthPerTurn: Math.round(step.growthPerTurn * (1 - share)),
        };
      });
    case 'cap-output':
      return mapSteps(plan, touches(action.steps), (step) => ({
        ...step,
        maxTokens: Math.min(step.maxTokens, action.maxTokens),
      }));
    case 'downgrade': {
      const targets = new Map(action.steps.map((entry) => [entry.id, entry.to]));
      return mapSteps(
        plan,
        (step) => targets.has(step.id),
        (step) => ({
          ...step,
          model: targets.get(step.id) ?? step.model,
          // A new model has nothing cached.
          cachedTokens: 0,
        }),
      );
    }
    case 'collapse':
      return collapseGroup(plan, action.group, action.to);
    case 'stop':
      return { steps: [] };
  }
}

function mapSteps(
  plan: WorkPlan,
  select: (step: PlannedStep) => boolean,
  change: (step: PlannedStep) => PlannedStep,
): WorkPlan {
  return { steps: plan.steps.map((step) => (select(step) ? change(step) : step)) };
}

// n agents -> k: each merged agent runs its share of the subtasks one after
// another in one context, which keeps growing across them.
function collapseGroup(plan: WorkPlan, group: string, to: number): WorkPlan {
  const members = plan.steps.filter((step) => step.group === group && step.turns > 0);
  const first = members[0];
  if (first === undefined) return plan;
  const merged: PlannedStep[] = [];
  for (let index = 0; index < to; index += 1) {
    const share = members.filter((_, position) => position % to === index);
    if (share.length === 0) continue;
    const shared = first.sharedPrefixTokens ?? 0;
    const ownContext = share.reduce(
      (sum, step) => sum + Math.max(0, step.contextTokens - shared),
      0,
    );
    const turns = share.reduce((sum, step) => sum + step.turns, 0);
    const growth = share.reduce((sum, step) => sum + step.growthPerTurn * step.turns, 0);
    merged.push({
      ...first,
      id: `${group}:merged-${index + 1}`,
      turns,
      contextTokens: shared + Math.round(ownContext / share.length),
      cachedTokens: index === 0 ? Math.min(first.cachedTokens ?? 0, shared) : 0,
      // Each subtask's own context arrives as it starts: spread it over the turns.
      growthPerTurn: Math.round((growth + ownContext - ownContext / share.length) / turns),
      outputPerTurn: share.reduce((sum, step) => sum + step.outputPerTurn * step.turns, 0) / turns,
    });
  }
  const rest = plan.steps.filter((step) => step.group !== group || step.turns <= 0);
  return { steps: [...merged, ...rest] };
}

/** Dollars for reasons people read: four decimals are enough to compare. */
function usd(amount: number): string {
  return formatUsd(amount, { maxDecimals: 4 });
}
