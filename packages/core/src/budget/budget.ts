import { BursarError } from '../errors/bursar-error';
import { InvalidArgumentError } from '../errors/invalid-argument-error';
import { usdToNanodollars, type Nanodollars } from '../money/nanodollars';
import { defaultPriceTable, type PriceTable } from '../pricing/price-table';
import type { Amount, BudgetEvent, BudgetEventInput, BudgetEventListener } from './budget-events';
import { add, min, subtract, zeroAmount as zero } from './amount';
import { BudgetExceededError } from './budget-exceeded-error';
import { worstCaseCost, type CallEnvelope } from './call-bound';
import { Reservation } from './reservation';

/** Options of {@link createBudget}. At least one of `usd` and `tokens`. */
export interface BudgetOptions {
  /** The limit in dollars: a decimal string (exact) or a number. */
  readonly usd?: number | string;
  /** The limit in tokens of every class, output included. */
  readonly tokens?: number;
  /**
   * `hard`: a reservation that could pass the limit is refused, so spend never
   * passes it. `soft`: nothing is refused; pressure and events still report it.
   * @default 'hard'
   */
  readonly enforcement?: 'hard' | 'soft';
  /** Shown in events and reports. @default 'task' */
  readonly name?: string;
  /** @default defaultPriceTable */
  readonly priceTable?: PriceTable;
  readonly onEvent?: BudgetEventListener;
  /** The clock for event times, in ms. @default Date.now */
  readonly now?: () => number;
}

/** Limits of a budget; a dimension left out is unlimited. */
export interface BudgetLimit {
  readonly usd: Nanodollars | undefined;
  readonly tokens: number | undefined;
}

/** A budget's state at one instant. `spent + reserved <= limit` always holds for a hard budget. */
export interface BudgetSnapshot {
  readonly name: string;
  readonly enforcement: 'hard' | 'soft';
  readonly limit: BudgetLimit;
  /** Settled spend, this budget's and its children's. */
  readonly spent: Amount;
  /** Held by open reservations and by children's unspent allowances. */
  readonly reserved: Amount;
  /** `limit - spent - reserved` per dimension (undefined when unlimited). */
  readonly available: {
    readonly usd: Nanodollars | undefined;
    readonly tokens: number | undefined;
  };
  readonly openReservations: number;
}

/** What {@link Budget.tryReserve} answers. */
export type ReserveResult =
  | { readonly ok: true; readonly reservation: Reservation }
  | {
      readonly ok: false;
      readonly needed: Amount;
      readonly available: Amount;
      readonly reason: string;
    };

const unlimited = Number.MAX_SAFE_INTEGER;

/**
 * A per-task budget: every model call reserves its worst case first, settles
 * to its actual usage after. Reservation is synchronous, so check-and-hold is
 * atomic however many subagents call at once: for a hard budget,
 * `spent + reserved <= limit` at every instant, and spend never passes the limit.
 *
 * @example
 * ```ts
 * const budget = createBudget({ usd: '0.50' });
 * const reservation = budget.reserve({ model: 'claude-sonnet-4-6', inputTokensBound: 8000, maxTokens: 1024 });
 * // ... make the call ...
 * reservation.settle(usage);
 * ```
 */
export class Budget {
  readonly name: string;
  readonly enforcement: 'hard' | 'soft';
  readonly limit: BudgetLimit;
  readonly priceTable: PriceTable;
  private readonly parent: Budget | undefined;
  private readonly listener: BudgetEventListener | undefined;
  private readonly subscribers = new Set<BudgetEventListener>();
  private readonly clock: () => number;
  private spentAmount: Amount = zero;
  private reservedAmount: Amount = zero;
  private readonly open = new Set<Reservation>();
  private readonly children = new Set<Budget>();
  private allowance: Reservation | undefined;
  private reservationCount = 0;
  private closed = false;

  /** @internal Use {@link createBudget} or {@link Budget.allocate}. */
  constructor(options: BudgetOptions, parent?: Budget) {
    this.parent = parent;
    this.name = options.name ?? 'task';
    const enforcement: unknown = options.enforcement ?? 'hard';
    if (enforcement !== 'hard' && enforcement !== 'soft') {
      throw new InvalidArgumentError({
        argument: 'enforcement',
        value: options.enforcement,
        message: "expected 'hard' or 'soft'",
      });
    }
    this.enforcement = enforcement;
    this.priceTable = options.priceTable ?? parent?.priceTable ?? defaultPriceTable;
    this.listener = options.onEvent ?? parent?.listener;
    this.clock = options.now ?? parent?.clock ?? Date.now;
    this.limit = parseLimit(options);
  }

  /** Settled spend. */
  get spent(): Amount {
    return this.spentAmount;
  }

  /** Held by open reservations and children's allowances. */
  get reserved(): Amount {
    return this.reservedAmount;
  }

  snapshot(): BudgetSnapshot {
    return {
      name: this.name,
      enforcement: this.enforcement,
      limit: this.limit,
      spent: this.spentAmount,
      reserved: this.reservedAmount,
      available: {
        usd:
          this.limit.usd === undefined
            ? undefined
            : this.limit.usd - this.spentAmount.usd - this.reservedAmount.usd,
        tokens:
          this.limit.tokens === undefined
            ? undefined
            : this.limit.tokens - this.spentAmount.tokens - this.reservedAmount.tokens,
      },
      openReservations: this.open.size,
    };
  }

  /** The worst case of `call` in both dimensions. */
  bound(call: CallEnvelope): Amount {
    return {
      usd: worstCaseCost(call, this.priceTable),
      tokens: call.inputTokensBound + call.maxTokens,
    };
  }

  /**
   * Holds the worst case of `call`, or says why it cannot: a hard budget refuses
   * what could pass its limit. Never throws for lack of money.
   */
  tryReserve(call: CallEnvelope): ReserveResult {
    this.assertOpen();
    const needed = this.bound(call);
    const refusal = this.admit(needed);
    if (refusal !== undefined) {
      this.emit({
        type: 'budget.reservation.refuse',
        label: call.label,
        needed,
        available: refusal.available,
        reason: refusal.reason,
      });
      return { ok: false, needed, ...refusal };
    }
    const reservation = new Reservation(
      this,
      `${this.name}#${++this.reservationCount}`,
      call,
      needed,
    );
    this.hold(reservation, needed);
    this.emit({
      type: 'budget.reservation.create',
      reservation: reservation.id,
      label: call.label,
      held: needed,
    });
    return { ok: true, reservation };
  }

  /** Like {@link tryReserve}, but throws {@link BudgetExceededError} when refused. */
  reserve(call: CallEnvelope): Reservation {
    const result = this.tryReserve(call);
    if (!result.ok)
      throw new BudgetExceededError({
        budget: this.snapshot(),
        needed: result.needed,
        reason: result.reason,
      });
    return result.reservation;
  }

  /**
   * Carves a child budget out of this one: its limit is held here until the
   * child closes, its spend counts here too, and what it leaves returns.
   * A child of a hard budget is hard.
   *
   * @example
   * ```ts
   * const researcher = budget.allocate({ usd: '0.10', name: 'researcher-1' });
   * // ... researcher.reserve(...) ...
   * researcher.close(); // the unspent part returns to budget
   * ```
   */
  allocate(options: Omit<BudgetOptions, 'priceTable' | 'onEvent' | 'now'>): Budget {
    this.assertOpen();
    const childName = `${this.name}/${options.name ?? `child-${this.children.size + 1}`}`;
    const child = new Budget(
      {
        ...options,
        name: childName,
        enforcement: this.enforcement === 'hard' ? 'hard' : (options.enforcement ?? 'soft'),
      },
      this,
    );
    const wanted: Amount = { usd: child.limit.usd ?? 0, tokens: child.limit.tokens ?? 0 };
    const refusal = this.admit(wanted);
    if (refusal !== undefined && this.enforcement === 'hard') {
      throw new InvalidArgumentError({
        argument: 'allowance',
        value: options.usd ?? options.tokens,
        message: `is larger than what ${this.name} has left (${refusal.reason})`,
      });
    }
    if (
      this.enforcement === 'hard' &&
      ((this.limit.usd !== undefined && child.limit.usd === undefined) ||
        (this.limit.tokens !== undefined && child.limit.tokens === undefined))
    ) {
      throw new InvalidArgumentError({
        argument: 'allowance',
        value: options,
        message: `must set a limit in every dimension ${this.name} limits (usd${this.limit.tokens === undefined ? '' : ' and tokens'})`,
      });
    }
    const allowance = new Reservation(this, `${childName}:allowance`, undefined, wanted);
    this.hold(allowance, wanted);
    child.allowance = allowance;
    this.children.add(child);
    this.emit({ type: 'budget.allowance.create', child: childName, limit: wanted });
    return child;
  }

  /**
   * Ends this budget: releases any reservation still open (counted as
   * `leaked` in the event) and, for a child, returns the unspent allowance.
   */
  close(): void {
    if (this.closed) return;
    for (const child of [...this.children]) child.close();
    const leaked = this.open.size;
    for (const reservation of [...this.open]) reservation.release();
    this.closed = true;
    if (this.parent !== undefined && this.allowance !== undefined) {
      const returned = this.allowance.held;
      this.allowance.release();
      this.parent.children.delete(this);
      this.emit({
        type: 'budget.allowance.close',
        child: this.name,
        spent: this.spentAmount,
        returned,
        leaked,
      });
    }
  }

  /** @internal Why `needed` cannot be held now, or undefined when it can. */
  admit(needed: Amount): { reason: string; available: Amount } | undefined {
    const available: Amount = {
      usd:
        this.limit.usd === undefined
          ? unlimited
          : this.limit.usd - this.spentAmount.usd - this.reservedAmount.usd,
      tokens:
        this.limit.tokens === undefined
          ? unlimited
          : this.limit.tokens - this.spentAmount.tokens - this.reservedAmount.tokens,
    };
    if (this.enforcement === 'soft') return undefined;
    if (needed.usd > available.usd)
      return { reason: `needs ${needed.usd} nano-dollars, ${available.usd} available`, available };
    if (needed.tokens > available.tokens)
      return { reason: `needs ${needed.tokens} tokens, ${available.tokens} available`, available };
    return undefined;
  }

  /** @internal */
  hold(reservation: Reservation, amount: Amount): void {
    this.reservedAmount = add(this.reservedAmount, amount);
    reservation.held = add(reservation.held, amount);
    if (reservation.call !== undefined) this.open.add(reservation);
  }

  /** @internal Releases `amount` of a hold without spending it. */
  unhold(reservation: Reservation, amount: Amount): void {
    this.reservedAmount = subtract(this.reservedAmount, amount);
    reservation.held = subtract(reservation.held, amount);
  }

  /** @internal Books spend here and up the chain of allowances. */
  book(cost: Amount): void {
    this.spentAmount = add(this.spentAmount, cost);
    if (this.parent !== undefined && this.allowance !== undefined) {
      const covered = min(cost, this.allowance.held);
      this.parent.unhold(this.allowance, covered);
      this.parent.book(cost);
    }
  }

  /** @internal */
  forget(reservation: Reservation): void {
    this.open.delete(reservation);
  }

  /**
   * Adds a listener of this budget's events and its children's (after the
   * `onEvent` given at creation); returns the function that removes it.
   *
   * @example
   * ```ts
   * const stop = budget.subscribe((event) => { if (event.type === 'budget.reservation.charge') log(event.cost.usd); });
   * stop();
   * ```
   */
  subscribe(listener: BudgetEventListener): () => void {
    this.subscribers.add(listener);
    return () => {
      this.subscribers.delete(listener);
    };
  }

  /** @internal */
  emit(event: BudgetEventInput): void {
    // The hot path (a reserve and settle with no one listening) builds nothing.
    if (this.listener === undefined && !this.heard()) return;
    const full = { ...event, budget: this.name, at: this.clock() } as BudgetEvent;
    if (this.listener !== undefined) deliver(this.listener, full);
    for (const subscriber of this.subscribers) deliver(subscriber, full);
    for (let budget = this.parent; budget !== undefined; budget = budget.parent)
      for (const subscriber of budget.subscribers) deliver(subscriber, full);
  }

  /** Whether this budget or an ancestor has a subscriber. */
  private heard(): boolean {
    if (this.subscribers.size > 0) return true;
    for (let budget = this.parent; budget !== undefined; budget = budget.parent)
      if (budget.subscribers.size > 0) return true;
    return false;
  }

  private assertOpen(): void {
    if (this.closed) throw new BursarError(`Budget ${this.name} is closed.`);
  }
}

/**
 * Creates a per-task budget in dollars and/or tokens.
 *
 * @example
 * ```ts
 * const budget = createBudget({ usd: '0.25', onEvent: (event) => console.log(event.type) });
 * ```
 */
export function createBudget(options: BudgetOptions): Budget {
  return new Budget(options);
}

function parseLimit(options: BudgetOptions): BudgetLimit {
  if (options.usd === undefined && options.tokens === undefined) {
    throw new InvalidArgumentError({
      argument: 'budget',
      value: options,
      message: 'needs a limit: usd, tokens or both',
    });
  }
  let usd: Nanodollars | undefined;
  if (options.usd !== undefined) {
    usd = usdToNanodollars(options.usd, 'budget.usd');
    if (usd < 0)
      throw new InvalidArgumentError({
        argument: 'budget.usd',
        value: options.usd,
        message: 'must not be negative',
      });
  }
  const tokens = options.tokens;
  if (
    tokens !== undefined &&
    (typeof tokens !== 'number' || !Number.isSafeInteger(tokens) || tokens < 0)
  ) {
    throw new InvalidArgumentError({
      argument: 'budget.tokens',
      value: tokens,
      message: 'expected a non-negative whole number of tokens',
    });
  }
  return { usd, tokens };
}

/** Hands a listener an event; a listener's failure must not corrupt the ledger mid-update. */
function deliver(listener: BudgetEventListener, event: BudgetEvent): void {
  try {
    listener(event);
  } catch (error) {
    console.error('[bursar] budget event listener threw:', error);
  }
}
