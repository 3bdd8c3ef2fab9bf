import type { ResumeTaskOptions, RunTaskOptions, TaskResult } from './run-task-options';
import { defaultModels } from './task-defaults';
import { TaskRun, type Nesting } from './task-run';
import { nanoid } from 'nanoid';
import { isBudgetLike } from '../agent/option-schemas';
import { checkOutputCap } from '../agent/run-agent-options-schema';
import { createBudget } from '../budget/budget';
import { InvalidArgumentError } from '../errors/invalid-argument-error';
import { formatUsd } from '../money/format-usd';
import { planFromSubtasks } from './parse-role-output';
import { checkResumeTaskOptions, checkRunTaskOptions } from './run-task-options-schema';
import { committedSpend, type TaskCheckpoint } from './task-checkpoint';
import { parseTaskCheckpoint } from './task-checkpoint-schema';

/**
 * Runs a task under a budget: triage, plan, decide between one agent and a
 * fan-out by pricing both, run it, synthesize, with the governor watching
 * every call. Returns the output, the status and the report; a task that
 * meets its budget returns its partial output with status `budgetExhausted`,
 * never a throw.
 *
 * Every option is checked before anything is spent: a bad one throws (the
 * promise rejects with) an `InvalidArgumentError` naming the option and the
 * value received, and an unknown one lists the known ones.
 *
 * No checkpoint is kept unless you pass a `store`: with one
 * (`createFileTaskStore(dir)`, or any {@link TaskStore}), each settled step
 * and each call's hold is saved, and {@link resumeTask} continues without
 * paying again for finished work.
 *
 * @example
 * ```ts
 * const { status, output, report } = await runTask({
 *   task: 'Compare the rivers of the three capitals.',
 *   client: createAnthropicClient({ apiKey }),
 *   budget: { usd: '0.50' },
 *   tools: [search],
 *   store: createFileTaskStore('.bursar/tasks'), // to resume after a crash
 * });
 * console.log(status, formatUsd(report.cost));
 * ```
 */
export function runTask(options: RunTaskOptions): Promise<TaskResult> {
  return orchestrate(options, undefined, { prefix: '', depth: 0, counter: { used: 0 } });
}

/**
 * Continues a task from its checkpoint: finished steps are not run (or paid)
 * again; the report covers the whole task, the earlier run's ledger included.
 * Without a `budget`, the task resumes under its first limit less what the
 * checkpoint may already have cost (its ledger, and every hold whose call was
 * sent and never settled, at its worst case).
 *
 * The checkpoint is read as untrusted input: anything that is not one (null,
 * another format, a damaged field) rejects with an `InvalidArgumentError`
 * naming the field (`checkpoint.ledger[3].cost`); options are checked as
 * {@link runTask}'s are.
 *
 * @example
 * ```ts
 * const store = createFileTaskStore('.bursar/tasks');
 * const checkpoint = await store.load(taskId);
 * if (checkpoint !== undefined) await resumeTask(checkpoint, { client, tools: [search], store });
 * ```
 */
export async function resumeTask(
  checkpoint: TaskCheckpoint,
  options: ResumeTaskOptions,
): Promise<TaskResult> {
  // A checkpoint is read from a file: check it as untyped input.
  const checked = parseTaskCheckpoint(checkpoint);
  checkResumeTaskOptions(options);
  const spent = committedSpend(checked);
  const budget =
    options.budget ??
    (checked.limit === undefined
      ? undefined
      : { usd: formatUsd(Math.max(0, checked.limit - spent)) });
  if (budget === undefined) {
    throw new InvalidArgumentError({
      argument: 'budget',
      value: options.budget,
      message: 'the checkpoint has no dollar limit: pass a budget to resume under',
    });
  }
  return orchestrate(
    {
      ...options,
      task: checked.task,
      taskId: checked.taskId,
      shape: checked.requestedShape,
      budget,
    },
    checked,
    { prefix: '', depth: 0, counter: { used: countSubagents(checked) } },
  );
}

function countSubagents(checkpoint: TaskCheckpoint): number {
  return checkpoint.agents.filter((agent) => agent.role === 'subagent').length;
}

async function orchestrate(
  options: RunTaskOptions,
  resumed: TaskCheckpoint | undefined,
  nesting: Nesting,
): Promise<TaskResult> {
  // Check everything before spending anything.
  checkRunTaskOptions(options);
  const requested = options.shape ?? 'auto';
  const maxTokens = options.maxTokens ?? 1024;
  const givenPlan = options.subtasks === undefined ? undefined : planFromSubtasks(options.subtasks);
  const now = options.now ?? Date.now;
  const budget = isBudgetLike(options.budget)
    ? options.budget
    : createBudget({
        ...options.budget,
        now,
        name: options.budget.name ?? 'task',
      });
  const models = {
    triage: options.models?.triage ?? defaultModels.triage,
    plan: options.models?.plan ?? defaultModels.plan,
    work: options.models?.work ?? defaultModels.work,
    synthesize: options.models?.synthesize ?? options.models?.work ?? defaultModels.work,
  };
  const table = budget.priceTable;
  for (const [role, model] of Object.entries(models)) table.resolve(model, `models.${role}`);
  // Working agents and the synthesis take maxTokens: past a model's output the API refuses it.
  checkOutputCap(table, models.work, 'models.work', maxTokens, 'maxTokens');
  checkOutputCap(table, models.synthesize, 'models.synthesize', maxTokens, 'maxTokens');
  options.ladder?.modelTiers?.forEach((model, index) => {
    table.resolve(model, `ladder.modelTiers[${String(index)}]`);
  });
  const compaction = options.context?.compaction;
  if (compaction !== undefined)
    checkOutputCap(
      table,
      compaction.model ?? 'claude-haiku-4-5',
      'context.compaction.model',
      compaction.maxTokens ?? 2048,
      'context.compaction.maxTokens',
    );
  const taskId = options.taskId ?? `task_${nanoid(12)}`;

  const run = new TaskRun(options, {
    taskId,
    requested,
    budget,
    // No store, no checkpoint: nothing is written unless the caller asks.
    store: options.store === false ? undefined : options.store,
    models,
    maxTokens,
    minOutputTokens: options.minOutputTokens,
    maxTurns: options.maxTurns ?? 20,
    concurrency: options.concurrency ?? 4,
    maxAgents: options.maxAgents ?? 8,
    maxDepth: options.maxDepth ?? 0,
    premium: options.maxFanOutPremium ?? 0.1,
    now,
    resumed,
    nesting,
    givenPlan,
    abortGraceMs: options.abortGraceMs,
    orchestrate: (nestedOptions, nestedNesting) =>
      orchestrate(nestedOptions, undefined, nestedNesting),
  });
  return run.execute();
}
