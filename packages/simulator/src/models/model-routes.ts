import type { ModelPricing, PriceTable } from '@bursar/core/pricing';
import { SimulatorApiError } from '../api/api-error';
import { paginate } from '../api/paginate';

/**
 * GET /v1/models: the price table's models that the API serves (cloud-only
 * ones are left out), in the table's order, paginated with `limit`,
 * `before_id` and `after_id`.
 *
 * @example
 * ```ts
 * listModels(priceTable, new URLSearchParams('limit=5'), wallClockStart);
 * ```
 */
export function listModels(
  priceTable: PriceTable,
  query: URLSearchParams,
  wallClockStart: number,
): Record<string, unknown> {
  return paginate(apiModels(priceTable), query, (model) => renderModel(model, wallClockStart));
}

/** GET /v1/models/{id}: an id or alias; 404 for a model the API does not serve. */
export function retrieveModel(
  priceTable: PriceTable,
  id: string,
  wallClockStart: number,
): Record<string, unknown> {
  const model = priceTable.find(id);
  if (model === undefined || model.availability !== 'api')
    throw new SimulatorApiError('not_found_error', `model: ${id}`);
  return renderModel(model, wallClockStart);
}

function apiModels(priceTable: PriceTable): ModelPricing[] {
  return priceTable.models.filter((model) => model.availability === 'api');
}

function renderModel(model: ModelPricing, wallClockStart: number): Record<string, unknown> {
  return {
    id: model.id,
    type: 'model',
    display_name: model.displayName,
    // Release dates are not in the price table; the simulator's start stands in.
    created_at: new Date(wallClockStart).toISOString(),
    deprecated_at: null,
    lifecycle: model.retiresOn === undefined ? 'active' : 'deprecated',
    retires_at:
      model.retiresOn === undefined ? null : new Date(`${model.retiresOn}T00:00:00Z`).toISOString(),
    line: model.line,
    max_input_tokens: model.contextWindow,
    max_tokens: model.maxOutputTokens,
    capabilities: null,
  };
}
