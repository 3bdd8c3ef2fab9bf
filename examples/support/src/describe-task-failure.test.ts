import type { TaskReport } from '@bursar/core';
import { describe, expect, it } from 'vitest';
import { describeTaskFailure } from './describe-task-failure';

const agent = (name: string, status: string) =>
  ({ agent: name, status }) as TaskReport['byAgent'][number];
const report = (...byAgent: TaskReport['byAgent']) => ({ byAgent }) as TaskReport;

describe('describeTaskFailure', () => {
  it("gives the task's error message when a step threw", () => {
    expect(describeTaskFailure({ error: new Error('plan: bad JSON'), report: report() })).toBe(
      'plan: bad JSON',
    );
    expect(describeTaskFailure({ error: 'boom', report: report() })).toBe('boom');
  });

  it('names the agents that failed when there is no error', () => {
    expect(
      describeTaskFailure({
        error: undefined,
        report: report(agent('triage', 'completed'), agent('plan', 'failed')),
      }),
    ).toBe('plan failed (the task result gives no reason)');
    expect(describeTaskFailure({ error: undefined, report: report() })).toBe('no reason given');
  });
});
