import type { AnyAgentTool } from '@bursar/core';
import { createWorkloadTools, type Workload } from '@bursar/simulator';
import * as z from 'zod';

/**
 * The workload's tools as agent tools: the same definitions the simulated
 * model was scripted against, answered locally from the workload's data, so
 * a real model calling them reads the same results.
 *
 * @example
 * ```ts
 * const tools = workloadAgentTools(workload);
 * await runTask({ task, client, budget: { usd: '0.50' }, tools });
 * ```
 */
export function workloadAgentTools(workload: Workload): AnyAgentTool[] {
  const tools = createWorkloadTools(workload);
  return tools.definitions.map((definition) => ({
    name: definition.name,
    description: definition.description,
    input: z.record(z.string(), z.unknown()),
    execute: (input: Record<string, unknown>) => tools.execute(definition.name, input),
  }));
}
