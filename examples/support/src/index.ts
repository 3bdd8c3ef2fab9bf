export { checkUsdFlag } from './check-usd-flag';
export {
  chooseBackend,
  type BackendChoice,
  type BackendFlags,
  type BackendKind,
} from './choose-backend';
export {
  createRealApi,
  type RealApi,
  type RealApiOptions,
  type RealApiRun,
} from './create-real-api';
export { describeTaskFailure } from './describe-task-failure';
export { findWorkloadTask, type FoundTask } from './find-workload-task';
export { formatTable, type Column } from './format-table';
export { formatUsd4 } from './format-usd4';
export { workloadAgentTools } from './workload-agent-tools';
