import { SimulatorApiError } from './api-error';

/**
 * The API's list pagination: `limit` (1 to 1000, default 20), `after_id` and
 * `before_id`, answered as `{ data, has_more, first_id, last_id }`.
 *
 * @example
 * ```ts
 * paginate(models, new URLSearchParams('limit=5&after_id=claude-opus-5'), render);
 * ```
 */
export function paginate<TItem extends { readonly id: string }>(
  items: readonly TItem[],
  query: URLSearchParams,
  render: (item: TItem) => unknown,
): Record<string, unknown> {
  const limit = Number(query.get('limit') ?? 20);
  if (!Number.isInteger(limit) || limit < 1 || limit > 1000) {
    throw new SimulatorApiError(
      'invalid_request_error',
      `limit: must be a whole number from 1 to 1000, got ${query.get('limit') ?? ''}`,
    );
  }
  let remaining = [...items];
  const afterId = query.get('after_id');
  const beforeId = query.get('before_id');
  if (afterId !== null)
    remaining = remaining.slice(remaining.findIndex((item) => item.id === afterId) + 1);
  if (beforeId !== null) {
    remaining = remaining.slice(
      0,
      Math.max(
        0,
        remaining.findIndex((item) => item.id === beforeId),
      ),
    );
  }
  const page = beforeId !== null ? remaining.slice(-limit) : remaining.slice(0, limit);
  return {
    data: page.map(render),
    has_more: remaining.length > page.length,
    first_id: page[0]?.id ?? null,
    last_id: page.at(-1)?.id ?? null,
  };
}
