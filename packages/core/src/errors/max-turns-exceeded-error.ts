import { BursarError, hasErrorMarker } from './bursar-error';

const marker = 'bursar.error.MaxTurnsExceededError';
const symbol = Symbol.for(marker);

/**
 * An agent used every turn it was allowed without finishing: the reason a
 * run that ends at `maxTurns` carries, so a `failed` task always says why.
 *
 * @example
 * ```ts
 * if (MaxTurnsExceededError.isInstance(result.error)) console.log(result.error.maxTurns);
 * ```
 */
export class MaxTurnsExceededError extends BursarError {
  /** Marker for `isInstance` across package copies. @internal */
  readonly [symbol] = true;
  override readonly name: string = 'MaxTurnsExceededError';
  readonly agent: string;
  readonly maxTurns: number;

  constructor(options: { agent: string; maxTurns: number }) {
    super(
      `${options.agent} used all ${String(options.maxTurns)} turns without a final answer (raise maxTurns, or give it a narrower task)`,
    );
    this.agent = options.agent;
    this.maxTurns = options.maxTurns;
  }

  static override isInstance(error: unknown): error is MaxTurnsExceededError {
    return hasErrorMarker(error, marker);
  }
}
