import type { AnyAgentTool } from '@bursar/core';
import { createWorkloadTools, type Workload } from '@bursar/simulator';
import * as z from 'zod';

/**
 * Finds a shipped workload by id; throws when it is missing, so a renamed
 * fixture fails the benchmark instead of shrinking it.
 */
export function findWorkload(workloads: readonly Workload[], id: string): Workload {
  const workload = workloads.find((candidate) => candidate.id === id);
  if (workload === undefined) throw new Error(`no shipped workload ${id}`);
  return workload;
}

/**
 * A workload's client-side tools as Bursar agent tools, answered by
 * `createWorkloadTools`: the same results whatever framework calls them.
 */
export function bursarTools(workload: Workload): AnyAgentTool[] {
  const tools = createWorkloadTools(workload);
  return tools.definitions.map((definition) => ({
    name: definition.name,
    description: definition.description,
    input: z.record(z.string(), z.unknown()),
    execute: (input: Record<string, unknown>) => tools.execute(definition.name, input),
  }));
}

/**
 * Nano-dollars as an exact decimal dollar string (`'0.012345678'`), for a
 * budget option: no float ever holds the amount.
 */
export function usdString(nanodollars: number): string {
  if (!Number.isSafeInteger(nanodollars) || nanodollars < 0)
    throw new RangeError(`expected whole non-negative nano-dollars, got ${String(nanodollars)}`);
  const whole = Math.floor(nanodollars / 1_000_000_000);
  const fraction = String(nanodollars % 1_000_000_000).padStart(9, '0');
  return `${String(whole)}.${fraction}`;
}
