import * as z from 'zod';
import { checkOptions } from '../agent/check-options';
import { tokenClasses } from '../usage/usage';
import type { TaskCheckpoint } from './task-checkpoint';

// A checkpoint is read back from a file or a database: untrusted input. These
// schemas check what resuming reads. Objects are loose (fields a later
// version adds pass through); fields written as `undefined` are absent in
// JSON, so they are optional here.

const count = z
  .number({ error: 'expected a whole number of at least 0' })
  .int({ error: 'expected a whole number of at least 0' })
  .min(0, { error: 'expected a whole number of at least 0' });
const time = z.number({ error: 'expected a time in ms' });
const text = z.string({ error: 'expected text' });

const workOutcomeSchema = z.looseObject({ status: text, text, model: text });

const usageSchema = z.looseObject(
  Object.fromEntries(tokenClasses.map((name) => [name, count])) as Record<
    (typeof tokenClasses)[number],
    typeof count
  >,
);

const ledgerEntrySchema = z.looseObject({
  at: time,
  agent: text,
  model: text,
  lane: z.enum(['interactive', 'batch'], { error: "expected 'interactive' or 'batch'" }),
  speed: z.enum(['standard', 'fast'], { error: "expected 'standard' or 'fast'" }),
  inferenceGeo: z.enum(['global', 'us'], { error: "expected 'global' or 'us'" }),
  usage: usageSchema,
  cost: count,
  byClass: usageSchema,
});

const subtaskSchema = z.looseObject({
  id: text,
  question: text,
  dependsOn: z.array(text, { error: 'expected a list of subtask ids' }),
});

const openHoldSchema = z.looseObject({
  reservation: text,
  agent: text,
  label: text,
  worstCase: count,
});

const conversationSchema = z.looseObject({
  messages: z.array(
    z.looseObject({
      role: z.enum(['user', 'assistant'], { error: "expected 'user' or 'assistant'" }),
      content: z.array(z.looseObject({ type: text }), { error: 'expected content parts' }),
    }),
    { error: 'expected a list of messages' },
  ),
  turns: count,
  answer: text.optional(),
});

const taskCheckpointV1Schema = z.looseObject(
  {
    format: z.literal('bursar-task/v1', { error: "expected 'bursar-task/v1'" }),
    taskId: z
      .string({ error: 'expected 1-128 letters, digits, _ or -' })
      .regex(/^[A-Za-z0-9_-]{1,128}$/, { error: 'expected 1-128 letters, digits, _ or -' }),
    task: z.string({ error: 'expected the task as text' }).min(1, { error: 'expected the task' }),
    requestedShape: z.enum(['auto', 'single', 'fanOut'], {
      error: "expected 'auto', 'single' or 'fanOut'",
    }),
    limit: count.optional(),
    startedAt: time,
    triage: z
      .looseObject({
        size: z.enum(['small', 'large'], { error: "expected 'small' or 'large'" }),
        parallelizable: z.boolean({ error: 'expected true or false' }),
        subtasks: count,
      })
      .optional(),
    plan: z
      .looseObject({ subtasks: z.array(subtaskSchema, { error: 'expected a list of subtasks' }) })
      .optional(),
    decision: z
      .looseObject({
        shape: z.enum(['single', 'fanOut'], { error: "expected 'single' or 'fanOut'" }),
        reason: text,
        projectedSingle: count.optional(),
        projectedFanOut: count.optional(),
      })
      .optional(),
    subtasks: z.record(z.string(), workOutcomeSchema, {
      error: 'expected finished subtasks by id',
    }),
    merged: z.array(text, { error: 'expected a list of subtask ids' }),
    final: workOutcomeSchema.optional(),
    status: text.optional(),
    ledger: z.array(ledgerEntrySchema, { error: 'expected a list of ledger entries' }),
    decisions: z.array(
      z.looseObject({
        at: time,
        kind: text,
        reason: text,
        projectedBefore: count.optional(),
        projectedAfter: count.optional(),
      }),
      { error: 'expected a list of decisions' },
    ),
    agents: z.array(z.looseObject({ agent: text, role: text, model: text, status: text }), {
      error: 'expected a list of agents',
    }),
    holds: z.array(openHoldSchema, { error: 'expected a list of open holds' }).optional(),
    unreconciled: z.array(openHoldSchema, { error: 'expected a list of open holds' }).optional(),
    conversations: z
      .record(z.string(), conversationSchema, { error: 'expected conversations by agent' })
      .optional(),
  },
  { error: 'expected a task checkpoint (what runTask returned or a TaskStore loaded)' },
);

/**
 * Checks a checkpoint read back (from a store, a file, a database) before a
 * run resumes from it, and returns it typed. Every field resuming reads is
 * checked; fields a later format adds pass through. Throws an
 * `InvalidArgumentError` naming the field (`checkpoint.ledger[3].cost`) and
 * the value found.
 *
 * @example
 * ```ts
 * const checkpoint = parseTaskCheckpoint(JSON.parse(await readFile(path, 'utf8')));
 * await resumeTask(checkpoint, { client });
 * ```
 */
export function parseTaskCheckpoint(value: unknown, argument = 'checkpoint'): TaskCheckpoint {
  checkOptions(taskCheckpointV1Schema, value, argument);
  // Checked above; fields left out of the JSON read as undefined, as written.
  return value as TaskCheckpoint;
}
