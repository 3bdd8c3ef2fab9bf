import * as z from 'zod';
import { InvalidArgumentError } from '../errors/invalid-argument-error';
import type { TaskPlan, Triage } from './task-plan';

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
 * Checks subtasks a caller gives (`runTask({ subtasks })`), with the same
 * rules as a model's plan; throws `InvalidArgumentError` naming the subtask.
 */
export function planFromSubtasks(subtasks: unknown): TaskPlan {
  const parsed = planSchema.safeParse({ subtasks });
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new InvalidArgumentError({
      argument: ['subtasks', ...(issue?.path.slice(1) ?? [])].map(String).join('.'),
      value: subtasks,
      message: `expected a non-empty list of { id, question, dependsOn? } (${issue?.message ?? 'invalid'})`,
    });
  }
  return normalizePlan(parsed.data.subtasks);
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
