export {
  createSimulator,
  type Simulator,
  type SimulatorOptions,
} from './simulator/create-simulator';
export type { EngineOptions } from './engine/simulator-engine';
export { createVirtualClock, createRealClock, type SimulatorClock } from './clock/simulator-clock';
export {
  createLatencyModel,
  type LatencyModel,
  type LatencyOptions,
} from './latency/latency-model';
export { faultKinds, type FaultKind, type FaultOptions } from './faults/fault-injector';
export type { RateLimitOptions } from './ratelimit/rate-limiter';
export type { BatchFaultOptions } from './batches/batch-store';
export type { Invoice, InvoiceLine } from './billing/invoice';
export type { Responder, ResponderAnswer, ResponseContentBlock } from './messages/responder';
export type { ListenOptions } from './http/serve-node';
export { createTokenCounter, type TokenCounter } from './tokens/token-counter';
export * from './workloads/index';
