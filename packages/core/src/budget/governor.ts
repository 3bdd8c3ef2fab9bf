import type { Budget } from './budget';
import {
  planDegradation,
  type DegradationDecision,
  type LadderOptions,
} from './degradation-ladder';
import { pressureOf, type PressureLevel, type PressureThresholds } from './pressure';
import { project, type Projection } from './projection';
import type { WorkPlan } from './work-plan';

/** Options of {@link createGovernor}. */
export interface GovernorOptions extends LadderOptions {
  readonly budget: Budget;
  readonly thresholds?: PressureThresholds;
}

/** What {@link Governor.assess} found, and what to do about it. */
export interface Assessment {
  readonly projection: Projection;
  readonly level: PressureLevel;
  /** The ladder's decision, when the level calls for one and an action helps. */
  readonly decision: DegradationDecision | undefined;
}

/**
 * Watches a budget against the remaining plan: projects, sets the pressure
 * level, and walks the ladder: under `caution` with quality-neutral steps only
 * (aiming back under the caution line), under `critical` or `exhausted` with
 * every step (aiming under the target). Each level change and each decision
 * is an event on the budget.
 *
 * @example
 * ```ts
 * const governor = createGovernor({ budget });
 * const { level, decision } = governor.assess(plan);
 * if (decision) plan = decision.plan;
 * ```
 */
export class Governor {
  private current: PressureLevel = 'ok';
  private exhausted = false;
  private readonly options: GovernorOptions;

  constructor(options: GovernorOptions) {
    this.options = options;
  }

  /** The budget it watches. */
  get budget(): Budget {
    return this.options.budget;
  }

  get level(): PressureLevel {
    return this.current;
  }

  /** Records that a reservation was refused: the level is `exhausted` from now on. */
  markExhausted(): void {
    this.exhausted = true;
  }

  assess(plan: WorkPlan): Assessment {
    const { budget, thresholds = {} } = this.options;
    const snapshot = budget.snapshot();
    const projection = project(snapshot, plan, { priceTable: budget.priceTable });
    const level = this.exhausted ? 'exhausted' : pressureOf(projection, thresholds);
    if (level !== this.current) {
      budget.emit({ type: 'budget.pressure.change', from: this.current, to: level, projection });
      this.current = level;
    }
    if (level === 'ok') return { projection, level, decision: undefined };
    const decision = planDegradation(snapshot, plan, {
      ...this.options,
      priceTable: budget.priceTable,
      allowed: level === 'caution' ? 'neutral' : 'all',
      target: level === 'caution' ? (thresholds.caution ?? 0.8) : (thresholds.target ?? 0.95),
    });
    if (decision.actions.length === 0) return { projection, level, decision: undefined };
    budget.emit({
      type: 'budget.decision',
      actions: decision.actions,
      reason: `${level}: ${decision.reason}`,
      before: decision.before,
      after: decision.after,
    });
    return { projection, level, decision };
  }
}

/**
 * Creates a {@link Governor} over a budget.
 *
 * @example
 * ```ts
 * const governor = createGovernor({ budget, order: ['batch', 'prune', 'downgrade', 'stop'] });
 * ```
 */
export function createGovernor(options: GovernorOptions): Governor {
  return new Governor(options);
}
