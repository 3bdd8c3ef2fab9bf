import { InvalidArgumentError } from '../errors/invalid-argument-error';
import type { ModelRequest } from '../model/model-request';

/**
 * One unit of a bulk job: a request, and the id its result is reported under
 * (and sent as the batch's `custom_id`).
 *
 * @example
 * ```ts
 * const item: BatchItem = { id: 'ticket-0042', request: classify(ticket) };
 * ```
 */
export interface BatchItem {
  /**
   * 1 to 64 letters, digits, `_` or `-`, unique in the job.
   * @default `item-<index>`
   */
  readonly id?: string;
  readonly request: ModelRequest;
}

const customIdPattern = /^[a-zA-Z0-9_-]{1,64}$/;

/**
 * The ids of `items`, defaulted and checked: each must be a valid custom id
 * and unique. Throws {@link InvalidArgumentError} naming the item.
 *
 * @example
 * ```ts
 * batchItemIds([{ request }, { id: 'b', request }]); // ['item-0', 'b']
 * ```
 * @internal
 */
export function batchItemIds(items: readonly BatchItem[]): string[] {
  if (!Array.isArray(items)) {
    throw new InvalidArgumentError({
      argument: 'items',
      value: items,
      message: 'expected an array of { id?, request }',
    });
  }
  const seen = new Set<string>();
  return items.map((item: unknown, index) => {
    const argument = `items[${String(index)}]`;
    if (typeof item !== 'object' || item === null) {
      throw new InvalidArgumentError({
        argument,
        value: item,
        message: 'expected { id?, request }',
      });
    }
    const { id, request } = item as { id?: unknown; request?: unknown };
    if (typeof request !== 'object' || request === null) {
      throw new InvalidArgumentError({
        argument: `${argument}.request`,
        value: request,
        message: 'expected a ModelRequest',
      });
    }
    const resolved = id ?? `item-${String(index)}`;
    if (typeof resolved !== 'string' || !customIdPattern.test(resolved)) {
      throw new InvalidArgumentError({
        argument: `${argument}.id`,
        value: id,
        message: 'expected 1 to 64 letters, digits, _ or -',
      });
    }
    if (seen.has(resolved)) {
      throw new InvalidArgumentError({
        argument: `${argument}.id`,
        value: resolved,
        message: 'is the id of an earlier item; ids must be unique',
      });
    }
    seen.add(resolved);
    return resolved;
  });
}
