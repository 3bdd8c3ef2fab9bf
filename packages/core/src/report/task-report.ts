import type { Nanodollars } from '../money/nanodollars';
import type { Lane } from '../pricing/price-call';
import type { TokenClass, Usage } from '../usage/usage';

/** Tokens and cost of one token class. */
export interface ClassCost {
  readonly tokens: number;
  /** Nano-dollars; the classes of a call add up to its cost exactly. */
  readonly cost: Nanodollars;
}

/** Spend of one agent of a task. */
export interface AgentCost {
  /** `triage`, `plan`, `single`, `subagent:<id>`, `continuation`, `synthesize`. */
  readonly agent: string;
  readonly role: 'triage' | 'plan' | 'single' | 'subagent' | 'continuation' | 'synthesize';
  /** The model it was asked to use (it may have been downgraded before it started). */
  readonly model: string;
  /**
   * What a subagent worked on, in words (its subtask's question), when the
   * orchestrator gave it; the HTML page names the agent by it.
   */
  readonly subtask?: string;
  readonly status: string;
  readonly calls: number;
  readonly usage: Usage;
  readonly cost: Nanodollars;
}

/** Spend on one model. */
export interface ModelCost {
  readonly model: string;
  readonly calls: number;
  readonly usage: Usage;
  readonly cost: Nanodollars;
}

/** A decision the orchestrator or the governor made, with why and what it did to the projection. */
export interface ReportDecision {
  /** ms since the task started, on the task's clock. */
  readonly at: number;
  /** `shape` (single or fan-out), or a ladder step: `collapse`, `downgrade`, `cap-output`, `prune`, `batch`, `stop`. */
  readonly kind: string;
  readonly reason: string;
  /** The projected total cost before and after, nano-dollars (undefined when no projection applied). */
  readonly projectedBefore: Nanodollars | undefined;
  readonly projectedAfter: Nanodollars | undefined;
}

/** One billed call on the timeline. */
export interface TimelineEntry {
  /** ms since the task started, on the task's clock. */
  readonly at: number;
  readonly agent: string;
  readonly model: string;
  readonly lane: Lane;
  readonly usage: Usage;
  readonly cost: Nanodollars;
  /** Spend of the task after this call. */
  readonly spent: Nanodollars;
}

/**
 * Everything a finished (or stopped) task cost, and why. Every amount is
 * integer nano-dollars; every figure comes from the ledger of billed calls.
 * docs/report.md names every field.
 */
export interface TaskReport {
  readonly format: 'bursar-report/v1';
  readonly taskId: string;
  readonly status: string;
  /** The shape that ran (`single` or `fanOut`), undefined when the task stopped before choosing. */
  readonly shape: 'single' | 'fanOut' | undefined;
  readonly budget: {
    /** The hard (or soft) limit in nano-dollars; undefined when the budget has no dollar limit. */
    readonly limit: Nanodollars | undefined;
    readonly spent: Nanodollars;
    /** spent / limit, 0 to 1 (undefined without a dollar limit). */
    readonly shareUsed: number | undefined;
  };
  readonly usage: Usage;
  readonly cost: Nanodollars;
  readonly byClass: Readonly<Record<TokenClass, ClassCost>>;
  readonly byAgent: readonly AgentCost[];
  readonly byModel: readonly ModelCost[];
  /** cacheRead / (input + cache writes + cacheRead) over all calls, 0 to 1. */
  readonly cacheHitShare: number;
  readonly decisions: readonly ReportDecision[];
  readonly timeline: readonly TimelineEntry[];
  readonly counterfactuals: {
    /** The same calls priced with every prompt token as plain input (no cache reads or writes). */
    readonly withoutCaching: Nanodollars;
    /** The projected cost of the shape not taken, when the orchestrator priced both. */
    readonly shapeNotTaken:
      { readonly shape: 'single' | 'fanOut'; readonly projectedCost: Nanodollars } | undefined;
  };
  /** ms from the task's start to its end, on the task's clock. */
  readonly durationMs: number;
  /**
   * Why the task failed or stopped early, as a message (no stack), when the
   * orchestrator gave it: present on a `failed` task. The HTML page shows it
   * at the top.
   */
  readonly error?: string;
}
