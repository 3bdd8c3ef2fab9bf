import type { AgentEvent } from '../agent/agent-events';
import type { BudgetEvent } from '../budget/budget-events';
import type { DegradationAction } from '../budget/degradation-ladder';
import type { Nanodollars } from '../money/nanodollars';
import type { TaskShape } from './task-plan';

/** Events of the orchestrator itself; dotted so `task.*` matches. */
export type OrchestratorEvent =
  | { readonly type: 'task.start'; readonly taskId: string; readonly resumed: boolean }
  | { readonly type: 'task.phase'; readonly taskId: string; readonly phase: string }
  | {
      readonly type: 'task.shape';
      readonly taskId: string;
      readonly shape: TaskShape;
      readonly reason: string;
      /** Projected cost of each shape, when both were priced. */
      readonly single: Nanodollars | undefined;
      readonly fanOut: Nanodollars | undefined;
    }
  | {
      readonly type: 'task.subagent.start';
      readonly taskId: string;
      readonly agent: string;
      readonly subtask: string;
      readonly model: string;
    }
  | {
      readonly type: 'task.subagent.finish';
      readonly taskId: string;
      readonly agent: string;
      readonly subtask: string;
      readonly status: string;
      readonly cost: Nanodollars;
    }
  | {
      readonly type: 'task.pressure';
      readonly taskId: string;
      readonly actions: readonly DegradationAction[];
      readonly reason: string;
    }
  | { readonly type: 'task.checkpoint'; readonly taskId: string; readonly phase: string }
  | {
      /** A checkpoint after a settled step could not be saved; the task goes on. */
      readonly type: 'task.checkpoint.error';
      readonly taskId: string;
      readonly phase: string;
      readonly error: unknown;
    }
  | {
      readonly type: 'task.finish';
      readonly taskId: string;
      readonly status: string;
      readonly cost: Nanodollars;
    };

/** Everything `runTask` reports through `onEvent`: its own events, its agents' and its budget's. */
export type TaskEvent = OrchestratorEvent | AgentEvent | BudgetEvent;
