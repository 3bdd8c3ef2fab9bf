import type { ResumeTaskOptions, RunTaskOptions, TaskResult } from './run-task-options';
import { defaultModels } from './task-defaults';
import { TaskRun, type Nesting } from './task-run';
import { nanoid } from 'nanoid';
import { Budget, createBudget } from '../budget/budget';
import { InvalidArgumentError } from '../errors/invalid-argument-error';
import { formatUsd } from '../money/format-usd';
import { createFileTaskStore } from './file-task-store';
import { planFromSubtasks } from './parse-role-output';
import type { TaskCheckpoint } from './task-checkpoint';

/**
 * Runs a task under a budget: triage, plan, decide between one agent and a
 * fan-out by pricing both, run it, synthesize, with the governor watching
 * every call. Returns the output, the status and the report; a task that
 * meets its budget returns its partial output with status `budgetExhausted`,
 * never a throw. Checkpoints after each settled step let {@link resumeTask}
 * continue without paying again for finished work.
 *
 * @example
 * ```ts
 * const { status, output, report } = await runTask({
 *   task: 'Compare the rivers of the three capitals.',
 *   client: createAnthropicClient({ apiKey }),
 *   budget: { usd: '0.50' },
 *   tools: [search],
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
 *
 * @example
 * ```ts
 * const checkpoint = await createFileTaskStore('.bursar/tasks').load(taskId);
 * const result = await resumeTask(checkpoint, { client, tools: [search] });
 * ```
 */
export function resumeTask(
  checkpoint: TaskCheckpoint,
  options: ResumeTaskOptions,
): Promise<TaskResult> {
  // A checkpoint is read from a file: check it as untyped input.
  if ((checkpoint as { format?: unknown }).format !== 'bursar-task/v1') {
    throw new InvalidArgumentError({
      argument: 'checkpoint.format',
      value: checkpoint.format,
      message: "expected 'bursar-task/v1'",
    });
  }
  const spent = checkpoint.ledger.reduce((sum, entry) => sum + entry.cost, 0);
  const budget =
    options.budget ??
    (checkpoint.limit === undefined
      ? { name: 'task' }
      : { usd: formatUsd(Math.max(0, checkpoint.limit - spent)) });
  if (!(budget instanceof Budget) && budget.usd === undefined && budget.tokens === undefined) {
    throw new InvalidArgumentError({
      argument: 'budget',
      value: budget,
      message: 'the checkpoint has no dollar limit: pass a budget to resume under',
    });
  }
  return orchestrate(
    {
      ...options,
      task: checkpoint.task,
      taskId: checkpoint.taskId,
      shape: checkpoint.requestedShape,
      budget,
    },
    checkpoint,
    { prefix: '', depth: 0, counter: { used: countSubagents(checkpoint) } },
  );
}

function countSubagents(checkpoint: TaskCheckpoint): number {
  return checkpoint.agents.filter((agent) => agent.role === 'subagent').length;
}

function wholeNumber(name: string, value: unknown, fallback: number, minimum: number): number {
  const chosen = value ?? fallback;
  if (typeof chosen !== 'number' || !Number.isInteger(chosen) || chosen < minimum) {
    throw new InvalidArgumentError({
      argument: name,
      value,
      message: `expected a whole number of at least ${String(minimum)}`,
    });
  }
  return chosen;
}

async function orchestrate(
  options: RunTaskOptions,
  resumed: TaskCheckpoint | undefined,
  nesting: Nesting,
): Promise<TaskResult> {
  // Check everything before spending anything.
  if (typeof options.task !== 'string' || options.task.trim().length === 0) {
    throw new InvalidArgumentError({
      argument: 'task',
      value: options.task,
      message: 'expected the task as non-empty text',
    });
  }
  const requested: unknown = options.shape ?? 'auto';
  if (requested !== 'auto' && requested !== 'single' && requested !== 'fanOut') {
    throw new InvalidArgumentError({
      argument: 'shape',
      value: options.shape,
      message: "expected 'auto', 'single' or 'fanOut'",
    });
  }
  const maxTokens = wholeNumber('maxTokens', options.maxTokens, 1024, 1);
  const minOutputTokens =
    options.minOutputTokens === undefined
      ? undefined
      : wholeNumber('minOutputTokens', options.minOutputTokens, 1, 1);
  if (minOutputTokens !== undefined && minOutputTokens > maxTokens) {
    throw new InvalidArgumentError({
      argument: 'minOutputTokens',
      value: options.minOutputTokens,
      message: `expected at most maxTokens (${String(maxTokens)})`,
    });
  }
  const maxTurns = wholeNumber('maxTurns', options.maxTurns, 20, 1);
  const concurrency = wholeNumber('concurrency', options.concurrency, 4, 1);
  const maxAgents = wholeNumber('maxAgents', options.maxAgents, 8, 1);
  const maxDepth = wholeNumber('maxDepth', options.maxDepth, 0, 0);
  const premium = options.maxFanOutPremium ?? 0.1;
  if (typeof premium !== 'number' || !Number.isFinite(premium) || premium < 0) {
    throw new InvalidArgumentError({
      argument: 'maxFanOutPremium',
      value: options.maxFanOutPremium,
      message: 'expected a share of at least 0 (0.25 = 25%)',
    });
  }
  const taskId = options.taskId ?? `task_${nanoid(12)}`;
  if (!/^[A-Za-z0-9_-]{1,128}$/.test(taskId)) {
    throw new InvalidArgumentError({
      argument: 'taskId',
      value: options.taskId,
      message: 'expected 1-128 letters, digits, _ or -',
    });
  }
  const lane: unknown = options.lane ?? 'interactive';
  if (lane !== 'interactive' && lane !== 'batch' && lane !== 'auto') {
    throw new InvalidArgumentError({
      argument: 'lane',
      value: options.lane,
      message: "expected 'interactive', 'batch' or 'auto'",
    });
  }
  if (lane !== 'interactive' && options.client.batches === undefined) {
    throw new InvalidArgumentError({
      argument: 'lane',
      value: lane,
      message: `the client (${options.client.provider}) has no batch lane`,
    });
  }
  const givenPlan = options.subtasks === undefined ? undefined : planFromSubtasks(options.subtasks);
  const now = options.now ?? Date.now;
  const budget =
    options.budget instanceof Budget
      ? options.budget
      : createBudget({ ...options.budget, now, name: options.budget.name ?? 'task' });
  const store =
    options.store === false ? undefined : (options.store ?? createFileTaskStore('.bursar/tasks'));
  const models = {
    triage: options.models?.triage ?? defaultModels.triage,
    plan: options.models?.plan ?? defaultModels.plan,
    work: options.models?.work ?? defaultModels.work,
    synthesize: options.models?.synthesize ?? options.models?.work ?? defaultModels.work,
  };
  for (const [role, model] of Object.entries(models))
    budget.priceTable.resolve(model, `models.${role}`);

  const run = new TaskRun(options, {
    taskId,
    requested,
    budget,
    store,
    models,
    maxTokens,
    minOutputTokens,
    maxTurns,
    concurrency,
    maxAgents,
    maxDepth,
    premium,
    now,
    resumed,
    nesting,
    givenPlan,
    orchestrate: (nestedOptions, nestedNesting) =>
      orchestrate(nestedOptions, undefined, nestedNesting),
  });
  return run.execute();
}
