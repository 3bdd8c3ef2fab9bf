import type { Budget } from './budget';
import type { CallEnvelope } from './call-bound';

/**
 * The largest `maxTokens`, from `floor` up to the call's own, whose worst case
 * the budget can hold now; undefined when not even `floor` fits. It holds
 * nothing: reserve the call with the answer to take the money.
 *
 * A call refused at its full output cap may still fit with a smaller one, and
 * most turns write far less than their cap: capping the output to what is
 * left loses nothing unless the answer is longer than the cap.
 *
 * @example
 * ```ts
 * const fitted = fitOutputCap(budget, { model: 'claude-sonnet-4-6', inputTokensBound: 4_000, maxTokens: 1_024 }, 256);
 * if (fitted !== undefined) budget.reserve({ ...call, maxTokens: fitted });
 * ```
 */
export function fitOutputCap(
  budget: Budget,
  call: CallEnvelope,
  floor: number,
): number | undefined {
  const fits = (maxTokens: number): boolean =>
    budget.admit(budget.bound({ ...call, maxTokens })) === undefined;
  const ceiling = call.maxTokens;
  if (floor > ceiling || !fits(floor)) return undefined;
  // The worst case grows with maxTokens: search for the last cap that fits.
  let low = floor;
  let high = ceiling;
  while (low < high) {
    const middle = Math.ceil((low + high) / 2);
    if (fits(middle)) low = middle;
    else high = middle - 1;
  }
  return low;
}
