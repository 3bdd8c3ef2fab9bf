import type { BudgetEvent } from '../budget/budget-events';
import type { Nanodollars } from '../money/nanodollars';
import type { InferenceGeo, Lane, Speed } from '../pricing/price-call';
import type { TokenClass, Usage } from '../usage/usage';

/** One billed call (or billed part of a failed one), as the budget charged it. */
export interface LedgerEntry {
  /** ms since the task started. */
  readonly at: number;
  readonly agent: string;
  readonly model: string;
  readonly lane: Lane;
  readonly speed: Speed;
  readonly inferenceGeo: InferenceGeo;
  readonly usage: Usage;
  readonly cost: Nanodollars;
  /** The cost by token class; adds up to `cost` exactly. */
  readonly byClass: Readonly<Record<TokenClass, Nanodollars>>;
}

/**
 * The task's ledger: every charge its budget booked, attributed to the agent
 * named by the reservation's label (`<agent> turn 3`). It is the source of
 * every figure in the report, and it equals the provider's invoice.
 *
 * @example
 * ```ts
 * const ledger = new TaskLedger(Date.now());
 * const stop = budget.subscribe((event) => ledger.observe(event));
 * ledger.total; // nano-dollars
 * ```
 */
export class TaskLedger {
  readonly startedAt: number;
  private readonly list: LedgerEntry[];
  private readonly prefix: string;

  /**
   * @param prefix only agents whose names start with it are this ledger's (a
   * nested task shares its parent's budget)
   */
  constructor(startedAt: number, entries: readonly LedgerEntry[] = [], prefix = '') {
    this.startedAt = startedAt;
    this.list = [...entries];
    this.prefix = prefix;
  }

  /** Records a budget event if it is a charge of one of this ledger's agents. */
  observe(event: BudgetEvent): void {
    if (event.type !== 'budget.reservation.charge') return;
    const agent = agentOfLabel(event.label);
    if (!agent.startsWith(this.prefix)) return;
    this.list.push({
      at: event.at - this.startedAt,
      agent,
      model: event.model,
      lane: event.lane,
      speed: event.speed,
      inferenceGeo: event.inferenceGeo,
      usage: event.usage,
      cost: event.cost.usd,
      byClass: event.byClass,
    });
  }

  get entries(): readonly LedgerEntry[] {
    return this.list;
  }

  /** The sum of every charge, nano-dollars. */
  get total(): Nanodollars {
    return this.list.reduce((sum, entry) => sum + entry.cost, 0);
  }

  /** What the given agent has been charged so far. */
  spentBy(agent: string): Nanodollars {
    return this.list.reduce((sum, entry) => (entry.agent === agent ? sum + entry.cost : sum), 0);
  }
}

/** The agent a reservation label names: its first word. */
export function agentOfLabel(label: string | undefined): string {
  if (label === undefined || label.length === 0) return 'unlabeled';
  const space = label.indexOf(' ');
  return space < 0 ? label : label.slice(0, space);
}
