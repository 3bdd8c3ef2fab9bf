import { loadShippedWorkloads } from '@bursar/simulator';
import { describe, expect, it } from 'vitest';
import { findWorkloadTask } from './find-workload-task';

describe('findWorkloadTask', () => {
  const workloads = loadShippedWorkloads();

  it("finds the workload's first task, or the one named", () => {
    const first = findWorkloadTask(workloads, 'fanoutqa-parallel');
    expect(first.workload.id).toBe('fanoutqa-parallel');
    expect(first.task).toBe(first.workload.tasks[0]);
    const last = first.workload.tasks.at(-1);
    expect(findWorkloadTask(workloads, 'fanoutqa-parallel', last?.id).task).toBe(last);
  });

  it('names what it could not find', () => {
    expect(() => findWorkloadTask(workloads, 'no-such-workload')).toThrow(
      'no task (first) in a workload no-such-workload',
    );
    expect(() => findWorkloadTask(workloads, 'fanoutqa-parallel', 'nope')).toThrow(
      'no task nope in a workload fanoutqa-parallel',
    );
  });
});
