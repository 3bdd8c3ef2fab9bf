import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { InvalidArgumentError } from '../errors/invalid-argument-error';
import type { TaskStore } from './task-checkpoint';
import { parseTaskCheckpoint } from './task-checkpoint-schema';

/** The writes of one checkpoint file: at most one on disk at a time, the newest next. */
interface FileWrites {
  /** The newest checkpoint not yet written, and the saves waiting on it. */
  next: { readonly json: string; readonly waiters: Waiter[] } | undefined;
  writing: boolean;
}

interface Waiter {
  readonly resolve: () => void;
  readonly reject: (error: unknown) => void;
}

// Keyed by absolute path, so two stores on one directory in this process
// also write one file in turn.
const writesByPath = new Map<string, FileWrites>();
let temporaryCounter = 0;

/**
 * A store that keeps each task's checkpoint as `<directory>/<taskId>.json`.
 * Each save is atomic and the newest wins:
 *
 * - the checkpoint is serialized when `save` is called (later changes to the
 *   object are not saved), written to a temporary file of its own
 *   (`<taskId>.json.<pid>.<n>.tmp`) and renamed over the checkpoint, so a
 *   crash mid-write leaves the previous checkpoint whole;
 * - saves of one task are written one at a time in the order they were
 *   called; saves made while one is being written are coalesced into the
 *   newest, so an older checkpoint never lands over a newer one, and a save
 *   resolves once a checkpoint at least as new as its own is on disk.
 *
 * `load` checks what it reads ({@link parseTaskCheckpoint}): a file that is
 * not a checkpoint throws an `InvalidArgumentError` naming the field.
 *
 * @example
 * ```ts
 * const store = createFileTaskStore('.bursar/tasks');
 * const result = await runTask({ task, client, budget: { usd: '0.50' }, store });
 * const checkpoint = await store.load(result.taskId);
 * ```
 */
export function createFileTaskStore(directory: string): TaskStore {
  if (typeof directory !== 'string' || directory.length === 0) {
    throw new InvalidArgumentError({
      argument: 'directory',
      value: directory,
      message: 'expected a directory path',
    });
  }
  const pathOf = (taskId: unknown): string => {
    if (typeof taskId !== 'string' || !/^[A-Za-z0-9_-]{1,128}$/.test(taskId)) {
      throw new InvalidArgumentError({
        argument: 'taskId',
        value: taskId,
        message: 'expected 1-128 letters, digits, _ or - (it names a file)',
      });
    }
    return resolve(join(directory, `${taskId}.json`));
  };
  return {
    async save(checkpoint) {
      const path = pathOf((checkpoint as { taskId?: unknown } | null)?.taskId);
      await enqueue(path, directory, `${JSON.stringify(checkpoint, null, 2)}\n`);
    },
    async load(taskId) {
      let text: string;
      try {
        text = await readFile(pathOf(taskId), 'utf8');
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
        throw error;
      }
      return parseTaskCheckpoint(JSON.parse(text));
    },
  };
}

function enqueue(path: string, directory: string, json: string): Promise<void> {
  let writes = writesByPath.get(path);
  if (writes === undefined) {
    writes = { next: undefined, writing: false };
    writesByPath.set(path, writes);
  }
  const waiters = writes.next?.waiters ?? [];
  const done = new Promise<void>((resolve, reject) => {
    waiters.push({ resolve, reject });
  });
  // A newer checkpoint replaces one still waiting: only the newest is written.
  writes.next = { json, waiters };
  if (!writes.writing) {
    writes.writing = true;
    void drain(path, directory, writes);
  }
  return done;
}

/** Writes the newest waiting checkpoint until none waits. Never rejects: each save's promise carries its outcome. */
async function drain(path: string, directory: string, writes: FileWrites): Promise<void> {
  for (let next = writes.next; next !== undefined; next = writes.next) {
    writes.next = undefined;
    try {
      await writeAtomically(path, directory, next.json);
      for (const waiter of next.waiters) waiter.resolve();
    } catch (error) {
      for (const waiter of next.waiters) waiter.reject(error);
    }
  }
  writes.writing = false;
  writesByPath.delete(path);
}

async function writeAtomically(path: string, directory: string, json: string): Promise<void> {
  await mkdir(directory, { recursive: true });
  temporaryCounter += 1;
  // Unique in this process (counter) and across processes (pid) on one directory.
  const temporary = `${path}.${String(process.pid)}.${String(temporaryCounter)}.tmp`;
  try {
    await writeFile(temporary, json, 'utf8');
    await rename(temporary, path);
  } catch (error) {
    await rm(temporary, { force: true }).catch(() => undefined);
    throw error;
  }
}
