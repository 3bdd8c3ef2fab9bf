import { hasErrorMarker } from './bursar-error';
import { InvalidArgumentError } from './invalid-argument-error';

const marker = 'bursar.error.UnknownModelError';
const symbol = Symbol.for(marker);

/**
 * A model id that the price table neither knows nor can resolve through an
 * alias. The message lists the known models; add a price with
 * `createPriceTable({ models: { … } })` to use a new one.
 *
 * @example
 * ```ts
 * try {
 *   cost(usage, 'claude-sonnet-9');
 * } catch (error) {
 *   if (UnknownModelError.isInstance(error)) console.error(error.knownModels);
 * }
 * ```
 */
export class UnknownModelError extends InvalidArgumentError {
  /** Marker for `isInstance` across package copies. @internal */
  readonly [symbol] = true;
  override readonly name: string = 'UnknownModelError';
  /** The canonical ids the table does know, sorted. */
  readonly knownModels: readonly string[];

  constructor(options: { model: string; knownModels: readonly string[]; argument?: string }) {
    super({
      argument: options.argument ?? 'model',
      value: options.model,
      message: `no price is known for this model; known models: ${options.knownModels.join(', ')}. Add one with createPriceTable({ models: { ... } })`,
    });
    this.knownModels = options.knownModels;
  }

  static override isInstance(error: unknown): error is UnknownModelError {
    return hasErrorMarker(error, marker);
  }
}
