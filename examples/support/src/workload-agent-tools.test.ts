import { createWorkloadTools, loadShippedWorkloads } from '@bursar/simulator';
import { describe, expect, it } from 'vitest';
import { workloadAgentTools } from './workload-agent-tools';

describe('workloadAgentTools', () => {
  const workload = loadShippedWorkloads().find((candidate) => candidate.tools.length > 0);

  it("has one agent tool per workload tool, answering as the workload's tools do", async () => {
    if (workload === undefined) throw new Error('no shipped workload with tools');
    const direct = createWorkloadTools(workload);
    const tools = workloadAgentTools(workload);
    expect(tools.map((tool) => tool.name)).toEqual(direct.definitions.map((tool) => tool.name));
    const [first] = tools;
    if (first === undefined) throw new Error('no tool');
    const input = { query: 'anything' };
    expect(await first.execute(input, { toolCallId: 'call-1' })).toBe(
      direct.execute(first.name, input),
    );
  });
});
