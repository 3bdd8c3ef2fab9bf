export {
  modelLineOrder,
  stepSchema,
  taskSchema,
  toolCallSchema,
  traceCallSchema,
  workloadSchema,
  workloadToolSchema,
  type Workload,
  type WorkloadInput,
  type WorkloadStep,
  type WorkloadTask,
  type WorkloadToolCall,
} from './workload-schema';
export {
  createWorkloadResponder,
  type Grade,
  type WorkloadCaller,
  type WorkloadResponder,
  type WorkloadResponderContext,
  type WorkloadRole,
} from './workload-responder';
export {
  callKey,
  createWorkloadTools,
  type WorkloadToolDefinition,
  type WorkloadTools,
} from './workload-tools';
export { loadShippedWorkloads, loadWorkloadFile, parseWorkload } from './load-workload';
export { workloadJsonSchema } from './workload-json-schema';
