import { cost, createUsage, type ModelMessage, type Nanodollars, type Usage } from '@bursar/core';
import { callKey, type Workload } from '@bursar/simulator';

/** What the oracle needs of one turn of a run: its output and its whole prompt, in tokens. */
export interface OracleTurn {
  readonly output: number;
  readonly prompt: number;
}

/**
 * The size in tokens of every tool result a workload declares, by call key:
 * the results of its tasks' steps, and the recorded results of its trace
 * tasks (`trace_step` `{ task, call }`).
 *
 * @example
 * ```ts
 * const sizes = toolResultSizes(workload);
 * sizes.get(callKey('trace_step', { task: 'cc-258c7280-1', call: 0 })); // 989
 * ```
 */
export function toolResultSizes(workload: Workload): ReadonlyMap<string, number> {
  const sizes = new Map<string, number>();
  for (const task of workload.tasks) {
    for (const step of task.steps)
      for (const call of step.toolCalls)
        sizes.set(callKey(call.tool, call.input), call.resultTokens);
    task.trace?.calls.forEach((call, index) =>
      sizes.set(callKey('trace_step', { task: task.id, call: index }), call.toolResultTokens),
    );
  }
  return sizes;
}

/** One run, as the oracle reads it. */
export interface OracleRun {
  readonly model: string;
  readonly sizes: ReadonlyMap<string, number>;
  /** The run's turns, in order (from `agent.turn.end`). */
  readonly turns: readonly OracleTurn[];
  /** The run's conversation: its assistant turns name the tool calls. */
  readonly messages: readonly ModelMessage[];
}

/**
 * What the oracle of one run sends each turn: a context manager that knew
 * the future. Each turn it sends only the stable prefix and the task (read
 * from cache after the first turn), the model's own earlier words (read), and
 * the one tool result the turn needs (written once, dropped after); nothing is
 * ever written twice or read after it stops mattering. Output is the run's
 * own. Framing tokens are left out, which only lowers the bound.
 *
 * @example
 * ```ts
 * const usages = oracleUsages({ model, sizes: toolResultSizes(workload), turns, messages });
 * usages[1]; // { cacheRead: <task>, cacheWrite5m: <first result + first output>, output: … }
 * ```
 */
export function oracleUsages(run: OracleRun): Usage[] {
  const { sizes, turns, messages } = run;
  // The result each turn asked for, in order of the assistant turns.
  const results = messages
    .filter((message) => message.role === 'assistant')
    .map((message) =>
      message.content.reduce(
        (sum, part) =>
          sum + (part.type === 'tool-call' ? (sizes.get(callKey(part.name, part.input)) ?? 0) : 0),
        0,
      ),
    );
  const first = turns[0]?.prompt ?? 0;
  let earlierOutputs = 0;
  return turns.map((turn, index) => {
    if (index === 0) return createUsage({ cacheWrite5m: first, output: turn.output });
    const previousOutput = turns[index - 1]?.output ?? 0;
    const previousResult = results[index - 1] ?? 0;
    const usage = createUsage({
      cacheRead: first + earlierOutputs,
      cacheWrite5m: previousResult + previousOutput,
      output: turn.output,
    });
    earlierOutputs += previousOutput;
    return usage;
  });
}

/**
 * The oracle lower bound of one run, in nano-dollars: the cost of
 * {@link oracleUsages}, turn by turn.
 *
 * @example
 * ```ts
 * const bound = oracleCost({ model: 'claude-sonnet-4-6', sizes: toolResultSizes(workload), turns, messages });
 * ```
 */
export function oracleCost(run: OracleRun): Nanodollars {
  return oracleUsages(run).reduce((total, usage) => total + cost(usage, run.model), 0);
}
