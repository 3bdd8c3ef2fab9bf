import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { InvalidArgumentError } from '../errors/invalid-argument-error';
import { createFakeTaskClient } from './fake-task-client.test-helper';
import { resumeTask } from './run-task';
import { committedSpend } from './task-checkpoint';
import { parseTaskCheckpoint } from './task-checkpoint-schema';

/**
 * A checkpoint of format v1 as a fan-out saved it mid-run (one subtask done,
 * two calls sent and not settled: their holds written ahead), for every
 * version of the code that still reads v1.
 */
function fixtureV1(): unknown {
  return JSON.parse(
    readFileSync(
      new URL('./__fixtures__/task-checkpoint/bursar-task-v1.json', import.meta.url),
      'utf8',
    ),
  );
}

function thrown(value: unknown): InvalidArgumentError {
  try {
    parseTaskCheckpoint(value);
  } catch (error) {
    if (InvalidArgumentError.isInstance(error)) return error;
    throw new Error(`expected an InvalidArgumentError, got ${String(error)}`);
  }
  throw new Error('expected an InvalidArgumentError, nothing was thrown');
}

describe('parseTaskCheckpoint', () => {
  it('reads the v1 fixture, and resumes from it counting the open holds as spent', async () => {
    const checkpoint = parseTaskCheckpoint(fixtureV1());
    expect(checkpoint.holds).toHaveLength(2);
    const settled = checkpoint.ledger.reduce((sum, entry) => sum + entry.cost, 0);
    expect(committedSpend(checkpoint)).toBe(settled + 2 * 16_497_000);
    const client = createFakeTaskClient({});
    const result = await resumeTask(checkpoint, { client });
    expect(result.status).toBe('done');
    // The finished subtask was not run again.
    expect(client.calls.some((call) => call.agent?.subtask === 's1')).toBe(false);
  });

  it.each([
    ['null', null, 'checkpoint', null],
    ['an array', [], 'checkpoint', []],
    [
      'no ledger',
      { ...(fixtureV1() as object), ledger: undefined },
      'checkpoint.ledger',
      undefined,
    ],
    [
      'a ledger entry missing its fields',
      { ...(fixtureV1() as object), ledger: [{ lane: 'slow' }] },
      'checkpoint.ledger[0].at',
      undefined,
    ],
    [
      'a hold of a fractional worst case',
      {
        ...(fixtureV1() as object),
        holds: [{ reservation: 'r', agent: 'a', label: 'l', worstCase: 0.5 }],
      },
      'checkpoint.holds[0].worstCase',
      0.5,
    ],
    [
      'a conversation without turns',
      { ...(fixtureV1() as object), conversations: { single: { messages: [] } } },
      'checkpoint.conversations.single.turns',
      undefined,
    ],
    [
      'a task id that names no file',
      { ...(fixtureV1() as object), taskId: '../x' },
      'checkpoint.taskId',
      '../x',
    ],
  ])('names the field of %s', (_name, value, argument, received) => {
    const error = thrown(value);
    expect(error.argument).toBe(argument);
    expect(error.value).toEqual(received);
  });

  it('lets fields of a later format pass through', () => {
    const later = { ...(fixtureV1() as object), spans: [{ any: 'thing' }] };
    expect(parseTaskCheckpoint(later)).toMatchObject({ spans: [{ any: 'thing' }] });
  });
});
