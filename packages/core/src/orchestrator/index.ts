export { runTask, resumeTask } from './run-task';
export type { RunTaskOptions, ResumeTaskOptions, TaskModels, TaskResult } from './run-task-options';
export {
  createOrchestratorMachine,
  type FanOutOutput,
  type OrchestratorContext,
  type OrchestratorInput,
  type OrchestratorMachine,
  type OrchestratorServices,
  type PlanOutput,
  type StepStatus,
  type TaskStatus,
  type TriageOutput,
  type WorkOutput,
} from './orchestrator-machine';
export { machineToMermaid } from './machine-diagram';
export { decideShape, type ShapeChoiceInput } from './decide-shape';
export { parsePlan, parseTriage } from './parse-role-output';
export {
  planWidth,
  type RequestedShape,
  type Subtask,
  type TaskPlan,
  type TaskShape,
  type Triage,
} from './task-plan';
export {
  committedSpend,
  createMemoryTaskStore,
  type AgentConversation,
  type OpenHold,
  type ShapeDecision,
  type TaskCheckpoint,
  type TaskStore,
  type WorkOutcome,
} from './task-checkpoint';
export { calibrate, type CalibrateOptions, type CalibrationSample } from './calibrate';
export {
  defaultGradePriors,
  expectedGrade,
  workKindOf,
  type GradePriors,
  type WorkKind,
  type WorkShape,
} from './grade-priors';
export {
  fitConfiguration,
  peakMargin,
  roomyShare,
  type FitConfigurationInput,
  type FittedConfiguration,
  type PricedConfiguration,
  type TaskConfiguration,
} from './fit-configuration';
export { createFileTaskStore } from './file-task-store';
export type { OrchestratorEvent, TaskEvent } from './task-events';
export { defaultWorkEstimates, type WorkEstimates } from './work-estimates';
export { continuationPrompt, rolePrompts, subagentPrompt, synthesisPrompt } from './role-prompts';
