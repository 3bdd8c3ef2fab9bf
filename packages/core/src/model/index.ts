export type {
  AgentIdentity,
  AgentRole,
  CachePlan,
  CacheTtl,
  ContentPart,
  ModelMessage,
  ModelRequest,
  ModelTool,
  ProviderBlockPart,
  ResponseBilling,
} from './model-request';
export type { FinishReason, ModelResponse } from './model-response';
export type { CallOptions, ModelClient } from './model-client';
export type {
  ModelBatch,
  ModelBatches,
  ModelBatchLimits,
  ModelBatchRequest,
  ModelBatchRequestCounts,
  ModelBatchResult,
  ModelBatchStatus,
} from './model-batches';
export { ProviderApiError } from './provider-api-error';
