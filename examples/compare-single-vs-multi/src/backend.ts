import type { Budget, BudgetOptions, ModelClient, Nanodollars } from '@bursar/core';

/** A task's budget for one run, and what to do once the run is over. */
export interface RunBudget {
  readonly budget: Budget | BudgetOptions;
  /**
   * Lines put first in the system prompt of the run's agents. On the real API
   * one line unique to the run, so it reads no prompt cache an earlier run
   * wrote; none on the simulator, which starts each run on a cold cache.
   */
  readonly systemPrefix: readonly string[];
  /** Returns what the run left unspent to where it came from. */
  close(): void;
}

/** Where the demo's model calls go: the simulator, or the real API. */
export interface Backend {
  readonly kind: 'simulator' | 'real';
  readonly client: ModelClient;
  /** The clock of the task reports: the simulator's virtual one, or the wall clock. */
  readonly now: () => number;
  /** Starts a run: on the simulator, a cold cache and an empty invoice, so runs are independent. */
  beginRun(name: string, usd: string): RunBudget;
  /** What the provider billed for the run just finished, when it can be known (the simulator's invoice). */
  billed(): Nanodollars | undefined;
  /** The share of the task's required facts the answer states, 0 to 1. */
  grade(taskId: string, answer: string): number;
}
