import { inspect } from 'node:util';
import type { TaskResult } from '@bursar/core';

/**
 * Why a `runTask` run failed, in a line: the task's error message (what a step
 * threw, or the error the failing agent ended with, such as a refused key;
 * the provider adapter has redacted the key from it), else the agents the
 * report says failed.
 *
 * @example
 * ```ts
 * if (result.status === 'failed') console.log(describeTaskFailure(result)); // 'Call failed and is not retryable: ProviderApiError: …'
 * ```
 */
export function describeTaskFailure(result: Pick<TaskResult, 'error' | 'report'>): string {
  if (result.error instanceof Error) return result.error.message;
  if (typeof result.error === 'string') return result.error;
  if (result.error !== undefined) return inspect(result.error, { breakLength: Infinity });
  const agents = result.report.byAgent
    .filter((agent) => agent.status === 'failed')
    .map((agent) => agent.agent);
  return agents.length === 0
    ? 'no reason given'
    : `${agents.join(', ')} failed (the task result gives no reason)`;
}
