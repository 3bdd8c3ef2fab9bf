// @bursar/core: the public barrel. Each concept's folder has its own index.
export * from './pricing/index';
export * from './budget/index';
export * from './tokens/index';
export * from './model/index';
export { MaxTurnsExceededError, RetryError, ToolTimeoutError } from './errors/index';
export * from './call/index';
export * from './agent/index';
export * from './context/index';
export * from './orchestrator/index';
export * from './report/index';
export * from './batch/index';
export * from './routing/index';
