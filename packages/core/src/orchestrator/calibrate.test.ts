import { describe, expect, it } from 'vitest';
import { InvalidArgumentError } from '../errors/invalid-argument-error';
import { calibrate } from './calibrate';
import { createFakeTaskClient, parallelPlan } from './fake-task-client.test-helper';
import { runTask } from './run-task';

describe('calibrate', () => {
  it('averages your grades by model, kind of work and shape, into priors runTask takes', async () => {
    const client = createFakeTaskClient({ plan: parallelPlan(3) });
    const seen: string[] = [];
    const priors = await calibrate({
      samples: [
        // Graded by the model that answered, as a user's check would by the facts found.
        {
          task: 'Compare the rivers.',
          grade: (_output, result) =>
            result.report.byAgent.some(
              (agent) => agent.model === 'claude-haiku-4-5' && agent.role !== 'triage',
            )
              ? 0.4
              : 1,
        },
        {
          task: 'Compare the lakes.',
          grade: (_output, result) =>
            result.report.byAgent.some(
              (agent) => agent.model === 'claude-haiku-4-5' && agent.role !== 'triage',
            )
              ? 0.6
              : 1,
        },
      ],
      run: { client, store: false },
      budget: { usd: '5' },
      models: ['claude-haiku-4-5', 'claude-sonnet-4-6'],
      onRun: (run) => seen.push(`${run.model} ${run.shape} ${run.kind}`),
    });
    expect(seen).toHaveLength(8);
    expect(priors.byModel['claude-haiku-4-5']).toEqual({
      'parallel.single': 0.5,
      'parallel.fanOut': 0.5,
    });
    expect(priors.byModel['claude-sonnet-4-6']).toEqual({
      'parallel.single': 1,
      'parallel.fanOut': 1,
    });
    // runTask takes them as they are.
    const result = await runTask({
      task: 'Compare the seas.',
      client,
      budget: { usd: '0.03' },
      priors,
    });
    expect(['done', 'budgetExhausted']).toContain(result.status);
  });

  it('checks priors given to runTask, naming the key', async () => {
    const client = createFakeTaskClient({});
    await expect(
      runTask({
        task: 'x',
        client,
        budget: { usd: '1' },
        priors: { byModel: { 'claude-haiku-4-5': { 'hard.single': 0.5 } as never }, unknown: 1 },
      }),
    ).rejects.toSatisfy(
      (error: unknown) =>
        InvalidArgumentError.isInstance(error) && error.message.includes('priors'),
    );
    expect(client.calls).toHaveLength(0);
  });

  it('names a bad sample before running anything', async () => {
    const client = createFakeTaskClient({});
    await expect(
      calibrate({
        samples: [{ task: 'x', grade: 'high' as never }],
        run: { client },
        budget: { usd: '1' },
      }),
    ).rejects.toSatisfy(
      (error: unknown) =>
        InvalidArgumentError.isInstance(error) && error.message.includes('samples[0].grade'),
    );
    expect(client.calls).toHaveLength(0);
  });
});
