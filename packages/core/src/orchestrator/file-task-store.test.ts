import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { InvalidArgumentError } from '../errors/invalid-argument-error';
import { createFileTaskStore } from './file-task-store';
import type { TaskCheckpoint } from './task-checkpoint';

function checkpoint(taskId: string, step: number): TaskCheckpoint {
  return {
    format: 'bursar-task/v1',
    taskId,
    task: `step ${String(step)}`,
    requestedShape: 'auto',
    limit: 1_000_000_000,
    startedAt: 0,
    triage: undefined,
    plan: undefined,
    decision: undefined,
    subtasks: {},
    merged: [],
    final: undefined,
    status: undefined,
    ledger: [],
    decisions: [],
    agents: [],
  };
}

describe('createFileTaskStore', () => {
  let directory = '';
  beforeEach(async () => {
    directory = await mkdtemp(join(tmpdir(), 'bursar-store-'));
  });
  afterEach(async () => {
    await rm(directory, { recursive: true, force: true });
  });

  it('takes many concurrent saves of one task: none fails, the newest wins, no temp file stays', async () => {
    // Before each save had its own temporary name, these collided on
    // `<id>.json.<pid>.tmp`: one rename moved another's file away (ENOENT).
    const store = createFileTaskStore(directory);
    const saves = Array.from({ length: 50 }, (_, step) => store.save(checkpoint('task_a', step)));
    const outcomes = await Promise.allSettled(saves);
    expect(outcomes.filter((outcome) => outcome.status === 'rejected')).toEqual([]);
    expect((await store.load('task_a'))?.task).toBe('step 49');
    expect(await readdir(directory)).toEqual(['task_a.json']);
  });

  it('keeps the newest when two stores on one directory save the same task at once', async () => {
    const first = createFileTaskStore(directory);
    const second = createFileTaskStore(directory);
    const saves = [];
    for (let step = 0; step < 20; step += 1)
      saves.push((step % 2 === 0 ? first : second).save(checkpoint('task_b', step)));
    await Promise.all(saves);
    expect((await first.load('task_b'))?.task).toBe('step 19');
  });

  it('saves what the checkpoint was when save was called, not what it became', async () => {
    const store = createFileTaskStore(directory);
    const mutable = { ...checkpoint('task_c', 1), merged: ['x'] };
    const saved = store.save(mutable);
    mutable.merged.push('late');
    await saved;
    expect((await store.load('task_c'))?.merged).toEqual(['x']);
  });

  it('keeps tasks apart and loads nothing for an unknown one', async () => {
    const store = createFileTaskStore(directory);
    await Promise.all([store.save(checkpoint('one', 1)), store.save(checkpoint('two', 2))]);
    expect((await store.load('one'))?.task).toBe('step 1');
    expect((await store.load('two'))?.task).toBe('step 2');
    expect(await store.load('three')).toBeUndefined();
  });

  it('rejects a save whose write fails, and saves again after it', async () => {
    const store = createFileTaskStore(join(directory, 'file'));
    // A file where the directory should be: mkdir fails with EEXIST/ENOTDIR.
    await createFileTaskStore(directory).save(checkpoint('file', 0));
    const blocked = createFileTaskStore(join(directory, 'file.json', 'below'));
    await expect(blocked.save(checkpoint('x', 1))).rejects.toThrow();
    await store.save(checkpoint('y', 2));
    expect((await store.load('y'))?.task).toBe('step 2');
  });

  it('reads a file that is not a checkpoint as an error naming the field', async () => {
    const store = createFileTaskStore(directory);
    await store.save({ ...checkpoint('bad', 1), format: 'other' as 'bursar-task/v1' });
    const error: unknown = await store.load('bad').catch((caught: unknown) => caught);
    expect(InvalidArgumentError.isInstance(error)).toBe(true);
    expect((error as InvalidArgumentError).argument).toBe('checkpoint.format');
    expect(JSON.parse(await readFile(join(directory, 'bad.json'), 'utf8'))).toMatchObject({
      format: 'other',
    });
  });
});
