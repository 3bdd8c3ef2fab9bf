import { BursarError } from '../errors/bursar-error';
import { priceCall } from '../pricing/price-call';
import { totalTokens, type Usage } from '../usage/usage';
import { add, min, subtract, zeroAmount as zero } from './amount';
import type { Budget } from './budget';
import type { Amount } from './budget-events';
import type { CallEnvelope } from './call-bound';

/**
 * The hold of one call (or of a child's allowance): created by
 * {@link Budget.reserve}, then charged with what the provider billed and
 * settled (or released if nothing was billed). One reservation spans a call's
 * retries: {@link Reservation.renew} tops the hold back up before a retry.
 */
export class Reservation {
  readonly id: string;
  /** The call it covers (undefined for an allowance). */
  readonly call: CallEnvelope | undefined;
  /** The full worst case, as first held. */
  readonly bound: Amount;
  /** @internal What is held now. */
  held: Amount = zero;
  private readonly budget: Budget;
  private charged: Amount = zero;
  private done = false;

  /** @internal */
  constructor(budget: Budget, id: string, call: CallEnvelope | undefined, bound: Amount) {
    this.budget = budget;
    this.id = id;
    this.call = call;
    this.bound = bound;
  }

  /** Charged so far (all attempts). */
  get spent(): Amount {
    return this.charged;
  }

  /** Whether it is settled or released. */
  get isDone(): boolean {
    return this.done;
  }

  /**
   * Books what one attempt was billed (a whole response, or a cut stream's
   * part) against the hold. The cost uses the call's model, lane, speed and geo.
   * @returns the cost in both dimensions
   */
  charge(usage: Usage, options: { model?: string } = {}): Amount {
    this.assertOpen();
    const call = this.call;
    if (call === undefined)
      throw new BursarError(`Reservation ${this.id} is an allowance and cannot be charged.`);
    const price = priceCall(usage, options.model ?? call.model, {
      priceTable: this.budget.priceTable,
      ...(call.lane === undefined ? {} : { lane: call.lane }),
      ...(call.speed === undefined ? {} : { speed: call.speed }),
      ...(call.inferenceGeo === undefined ? {} : { inferenceGeo: call.inferenceGeo }),
    });
    const cost: Amount = { usd: price.total, tokens: totalTokens(usage) };
    const covered = min(cost, this.held);
    const overrun = subtract(cost, covered);
    this.budget.unhold(this, covered);
    this.budget.book(cost);
    this.charged = add(this.charged, cost);
    this.budget.emit({
      type: 'budget.reservation.charge',
      reservation: this.id,
      label: call.label,
      agent: call.agent,
      model: price.model,
      lane: price.lane,
      speed: price.speed,
      inferenceGeo: price.inferenceGeo,
      usage,
      byClass: price.byClass,
      cost,
      overrun,
    });
    return cost;
  }

  /**
   * Before a retry: holds the call's full worst case again. Returns false (and
   * holds nothing more) when the budget cannot cover another attempt.
   */
  renew(): boolean {
    this.assertOpen();
    const missing = subtract(this.bound, min(this.held, this.bound));
    if (missing.usd === 0 && missing.tokens === 0) return true;
    const refusal = this.budget.admit(missing);
    if (refusal !== undefined) {
      this.budget.emit({
        type: 'budget.reservation.refuse',
        label: this.call?.label,
        needed: missing,
        available: refusal.available,
        reason: `retry of ${this.id}: ${refusal.reason}`,
      });
      return false;
    }
    this.budget.hold(this, missing);
    this.budget.emit({ type: 'budget.reservation.renew', reservation: this.id, added: missing });
    return true;
  }

  /** Charges `usage` (if given) and releases the rest of the hold. */
  settle(usage?: Usage, options: { model?: string } = {}): void {
    if (usage !== undefined) this.charge(usage, options);
    this.release();
  }

  /** Releases the rest of the hold without charging (a failed call, nothing billed). */
  release(): void {
    if (this.done) return;
    const released = this.held;
    this.budget.unhold(this, released);
    this.done = true;
    this.budget.forget(this);
    if (this.call !== undefined)
      this.budget.emit({ type: 'budget.reservation.release', reservation: this.id, released });
  }

  private assertOpen(): void {
    if (this.done) throw new BursarError(`Reservation ${this.id} is already settled.`);
  }
}
