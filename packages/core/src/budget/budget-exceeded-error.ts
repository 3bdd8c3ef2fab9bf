import { BursarError, hasErrorMarker } from '../errors/bursar-error';
import type { Amount } from './budget-events';
import type { BudgetSnapshot } from './budget';

const marker = 'bursar.error.BudgetExceededError';
const symbol = Symbol.for(marker);

/**
 * A hard budget refused a reservation: the call's worst case does not fit in
 * what is left. Carries the budget's snapshot (nothing already spent is lost).
 *
 * @example
 * ```ts
 * try {
 *   budget.reserve(call);
 * } catch (error) {
 *   if (BudgetExceededError.isInstance(error)) console.log(error.budget.spent);
 * }
 * ```
 */
export class BudgetExceededError extends BursarError {
  /** Marker for `isInstance` across package copies. @internal */
  readonly [symbol] = true;
  override readonly name: string = 'BudgetExceededError';
  readonly budget: BudgetSnapshot;
  readonly needed: Amount;

  constructor(options: { budget: BudgetSnapshot; needed: Amount; reason: string }) {
    super(`Budget ${options.budget.name} refused a reservation: ${options.reason}.`);
    this.budget = options.budget;
    this.needed = options.needed;
  }

  static override isInstance(error: unknown): error is BudgetExceededError {
    return hasErrorMarker(error, marker);
  }
}
