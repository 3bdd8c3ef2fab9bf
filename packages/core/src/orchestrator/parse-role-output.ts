import * as z from 'zod';
import type { Subtask, TaskPlan, Triage } from './task-plan';

const triageSchema = z.object({
  size: z.enum(['small', 'large']).catch('large'),
  parallelizable: z.boolean(),
  subtasks: z.number().int().min(0).catch(0),
});

const planSchema = z.object({
  subtasks: z
    .array(
      z.object({
        id: z.union([z.string(), z.number()]).transform(String),
        question: z.string().min(1),
        dependsOn: z.array(z.union([z.string(), z.number()]).transform(String)).catch([]),
      }),
    )
    .min(1),
});

/** The first JSON object in a model's text (models wrap JSON in prose or fences). */
function firstJsonObject(text: string): unknown {
  const start = text.indexOf('{');
  const end = text.lastIndexOf('}');
  if (start < 0 || end <= start) return undefined;
  try {
    return JSON.parse(text.slice(start, end + 1));
  } catch {
    return undefined;
  }
}

/**
 * Reads the triage model's answer. Model output is untrusted: anything that
 * does not parse gives `undefined`, and the caller falls back to a plan.
 */
export function parseTriage(text: string): Triage | undefined {
  const parsed = triageSchema.safeParse(firstJsonObject(text));
  return parsed.success ? parsed.data : undefined;
}

/**
 * Reads the planner's answer: subtasks with unique ids and questions, and
 * dependencies only on subtasks of the plan (others are dropped, and so is a
 * dependency that would close a cycle). Malformed output gives `undefined`.
 */
export function parsePlan(text: string): TaskPlan | undefined {
  const parsed = planSchema.safeParse(firstJsonObject(text));
  return parsed.success ? normalizePlan(parsed.data.subtasks) : undefined;
}

/**
 * The plan of subtasks a caller gives (`runTask({ subtasks })`), once
 * checked by `runTask`'s options schema (ids unique, questions non-empty,
 * every dependency a subtask of the list, no cycle). Unlike a model's plan
 * nothing is dropped: a dependency on a later subtask of the list is kept.
 */
export function planFromSubtasks(subtasks: readonly Subtask[]): TaskPlan {
  return {
    subtasks: subtasks.map((subtask) => ({
      id: subtask.id,
      question: subtask.question,
      // eslint-disable-next-line @typescript-eslint/no-unnecessary-condition -- optional in what callers pass
      dependsOn: [...new Set(subtask.dependsOn ?? [])],
    })),
  };
}

function normalizePlan(
  list: readonly { id: string; question: string; dependsOn: readonly string[] }[],
): TaskPlan {
  const ids = new Set<string>();
  const subtasks = [];
  for (const subtask of list) {
    if (ids.has(subtask.id)) continue;
    // Only earlier subtasks may be depended on, which also rules out cycles.
    const dependsOn = [...new Set(subtask.dependsOn)].filter((id) => ids.has(id));
    ids.add(subtask.id);
    subtasks.push({ id: subtask.id, question: subtask.question, dependsOn });
  }
  return { subtasks };
}
