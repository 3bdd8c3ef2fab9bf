/** Why a try failed in a way a more capable model may fix. */
export type FailureKind = 'malformed-output' | 'loop' | 'validation';

/** Every {@link FailureKind}. */
export const failureKinds: readonly FailureKind[] = ['malformed-output', 'loop', 'validation'];

/**
 * A failed try, as {@link Router.escalate} takes it: the kind, and a reason
 * for the report (what was malformed, which call repeated, which check failed).
 *
 * @example
 * ```ts
 * const failure: EscalationFailure = {
 *   kind: 'loop',
 *   reason: 'search {"q":"Kell"} twice in a row',
 * };
 * ```
 */
export interface EscalationFailure {
  readonly kind: FailureKind;
  readonly reason: string;
}
