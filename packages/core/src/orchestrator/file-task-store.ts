import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { InvalidArgumentError } from '../errors/invalid-argument-error';
import type { TaskCheckpoint, TaskStore } from './task-checkpoint';

/**
 * A store that keeps each task's checkpoint as `<directory>/<taskId>.json`,
 * written to a temporary file and renamed, so a crash mid-write leaves the
 * previous checkpoint whole.
 *
 * @example
 * ```ts
 * const store = createFileTaskStore('.bursar/tasks');
 * const checkpoint = await store.load('task_V1StGXR8');
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
  const pathOf = (taskId: string): string => {
    if (!/^[A-Za-z0-9_-]{1,128}$/.test(taskId)) {
      throw new InvalidArgumentError({
        argument: 'taskId',
        value: taskId,
        message: 'expected 1-128 letters, digits, _ or - (it names a file)',
      });
    }
    return join(directory, `${taskId}.json`);
  };
  return {
    async save(checkpoint) {
      const path = pathOf(checkpoint.taskId);
      await mkdir(directory, { recursive: true });
      const temporary = `${path}.${String(process.pid)}.tmp`;
      await writeFile(temporary, `${JSON.stringify(checkpoint, null, 2)}\n`, 'utf8');
      await rename(temporary, path);
    },
    async load(taskId) {
      try {
        return JSON.parse(await readFile(pathOf(taskId), 'utf8')) as TaskCheckpoint;
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
        throw error;
      }
    },
  };
}
