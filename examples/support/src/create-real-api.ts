import { randomInt } from 'node:crypto';
import { createAnthropicClient } from '@bursar/anthropic';
import { createBudget, type Budget, type ModelClient } from '@bursar/core';
import { createSimulator, type Workload } from '@bursar/simulator';

/** Options of {@link createRealApi}. */
export interface RealApiOptions {
  readonly apiKey: string;
  /**
   * The API's base URL, e.g. a simulator's `http://127.0.0.1:4141` in a test.
   * @default the SDK's: `ANTHROPIC_BASE_URL`, else `https://api.anthropic.com`
   */
  readonly baseURL?: string;
  readonly workloads: readonly Workload[];
  /** The hard limit of the whole example, dollars; each run's budget is carved out of it. */
  readonly totalUsd: string;
  /** The name of the total budget, as reports and errors show it. */
  readonly name: string;
}

/** A run's budget on the real API, and how to give back what it left unspent. */
export interface RealApiRun {
  readonly budget: Budget;
  /**
   * Put first in the system prompt of the run's agents: one line unique to
   * the run (`Run 123456789012.`). The real API's prompt cache outlives a run
   * (5 minutes or an hour), so without it a run would read what the runs
   * before it wrote on the same task, and the runs would not be compared on
   * equal terms; the simulator backends reset their cache instead.
   */
  readonly systemPrefix: readonly string[];
  /** Returns what the run left unspent to the total. */
  close(): void;
}

/** The parts of an example's backend on the real API that every example shares. */
export interface RealApi {
  readonly kind: 'real';
  /** The example's hard total every run's budget is an allowance of. */
  readonly total: Budget;
  readonly client: ModelClient;
  /** Carves a run's budget of `usd` dollars out of the total. */
  beginRun(name: string, usd: string): RealApiRun;
  /** The share of a workload task's required facts the answer states, 0 to 1. */
  grade(taskId: string, answer: string): number;
}

/**
 * The real Anthropic API for an example: a client, one hard total of
 * `totalUsd` that every run's budget is an allowance of (so the example
 * cannot spend past it), and workload answers graded by the simulator's
 * grader (no call goes to the simulator). Each run's agents get a system
 * line of their own, so no run reads the prompt cache an earlier run wrote.
 * The key is handed to the client and never printed. An example spreads it
 * into its own backend and adds its clock and what it cannot know on the real
 * API (the invoice).
 *
 * @example
 * ```ts
 * const backend = {
 *   ...createRealApi({ apiKey, workloads, totalUsd: '0.50', name: 'demo' }),
 *   now: () => Date.now(),
 * };
 * const { budget, close } = backend.beginRun('run-1', '0.05');
 * ```
 */
export function createRealApi(options: RealApiOptions): RealApi {
  const total = createBudget({ usd: options.totalUsd, name: options.name });
  const grader = createSimulator({ workloads: options.workloads });
  return {
    kind: 'real',
    total,
    client: createAnthropicClient({
      apiKey: options.apiKey,
      ...(options.baseURL === undefined ? {} : { baseURL: options.baseURL }),
    }),
    beginRun(name, usd) {
      const budget = total.allocate({ usd, name });
      return {
        budget,
        systemPrefix: [`Run ${String(randomInt(1e11, 1e12))}.`],
        close: () => {
          budget.close();
        },
      };
    },
    grade: (taskId, answer) => grader.grade(taskId, answer).score,
  };
}
