import type { Budget, Nanodollars } from '@bursar/core';
import { createRealApi, type RealApiOptions, type RealApiRun } from '@bursar-examples/support';
import type { Backend } from './backend';

/** Options of {@link createRealBackend}: the key, the workloads to grade and the hard total, in dollars. */
export type RealBackendOptions = Omit<RealApiOptions, 'name'>;

/** A backend on the real API, with the demo's total budget it draws every run from. */
export interface RealBackend extends Backend {
  readonly total: Budget;
  /** A run's budget is always an allowance carved out of `total`. */
  beginRun(name: string, usd: string): RealApiRun;
}

/**
 * The demo on the real Anthropic API. Every run's budget is an allowance of
 * one hard total, so the whole demo cannot spend past `totalUsd`. The tools
 * still answer from the workload's data and answers are graded by the
 * simulator's grader (no call goes to the simulator). The key is handed to
 * the client and never printed.
 *
 * @example
 * ```ts
 * const backend = createRealBackend({ apiKey, workloads, totalUsd: '0.50' });
 * ```
 */
export function createRealBackend(options: RealBackendOptions): RealBackend {
  return {
    ...createRealApi({ ...options, name: 'demo' }),
    now: () => Date.now(),
    billed: (): Nanodollars | undefined => undefined,
  };
}
