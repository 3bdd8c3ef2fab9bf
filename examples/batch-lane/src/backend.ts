import type { BatchClock, Budget, ModelClient } from '@bursar/core';
import type { Invoice } from '@bursar/simulator';

/** A run's budget, and what to do once the run is over. */
export interface RunBudget {
  readonly budget: Budget;
  /**
   * Lines put first in the system prompt of the run's agents. On the real API
   * one line unique to the run, so it reads no prompt cache an earlier run
   * wrote; none on the simulator, which starts each run on a cold cache.
   */
  readonly systemPrefix: readonly string[];
  /** Returns what the run left unspent to where it came from. */
  close(): void;
}

/** Shares of batch requests the provider is made to fail (the simulator's fault controls). */
export interface BatchFaultRates {
  readonly erroredRate: number;
  readonly expiredRate: number;
}

/** Where the example's model calls go: the in-process simulator, or the real API. */
export interface LaneBackend {
  readonly kind: 'simulator' | 'real';
  /** The provider, with its batch lane (`client.batches`). */
  readonly client: ModelClient;
  /** The clock of batch polling and deadlines: the simulator's virtual one, or the wall clock. */
  readonly clock: BatchClock;
  /**
   * Starts a run: on the simulator a cold cache, an empty invoice and no
   * faults; on the real API a budget carved out of the example's hard total.
   */
  beginRun(name: string, usd: string): RunBudget;
  /** Makes shares of the next batches' requests error or expire; false where that cannot be done (the real API). */
  injectBatchFaults(rates: BatchFaultRates): boolean;
  /** What the provider billed since the run began, when it can be known (the simulator's invoice). */
  invoice(): Invoice | undefined;
  /** The share of a workload task's required facts the answer states, 0 to 1. */
  grade(taskId: string, answer: string): number;
}
