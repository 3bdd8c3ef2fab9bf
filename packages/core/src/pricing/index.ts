// @bursar/core/pricing: money, usage and prices; no runtime dependencies, so the
// simulator and other billing code can import it without the orchestrator.
export * from '../money/index';
export * from '../usage/index';
export { BursarError, InvalidArgumentError, UnknownModelError } from '../errors/index';
export {
  createPriceTable,
  defaultPriceTable,
  type ModelOverride,
  type PriceTable,
  type PriceTableOptions,
} from './price-table';
export {
  cost,
  priceCall,
  type CallPrice,
  type CostOptions,
  type InferenceGeo,
  type Lane,
  type Speed,
} from './price-call';
export type {
  ClassPriceSpec,
  ClassPrices,
  ClassRates,
  ModelLine,
  ModelPricing,
  ModelSpec,
  PriceConfidence,
  PricePerMillion,
} from './model-spec';
export type { Ratio } from './decimal';
export {
  defaultServerToolPrices,
  fromAnthropicServerToolUse,
  noServerToolUse,
  serverToolCost,
  type ServerToolPrices,
  type ServerToolUse,
} from './server-tool-prices';
