export type {
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
