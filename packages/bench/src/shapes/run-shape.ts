import { runTask, type ModelClient, type RequestedShape } from '@bursar/core';
import type { Simulator, Workload } from '@bursar/simulator';
import { bursarTools } from '../peers/workload-setup';

/** One task run in one requested shape, on a freshly reset simulator. */
export interface ShapeRun {
  readonly requested: RequestedShape;
  /** The shape that ran (`auto` resolves to one of the two). */
  readonly ran: 'single' | 'fanOut' | undefined;
  readonly status: string;
  /** What the simulator invoiced for the run, nano-dollars. */
  readonly cost: number;
  /** The run's own ledger, nano-dollars (equal to `cost` when all is well). */
  readonly ledger: number;
  readonly grade: number;
  readonly calls: number;
  /** The orchestrator's reason for the shape. */
  readonly reason: string;
  /** Spend before the shape was decided (triage, plan), nano-dollars. */
  readonly spentBeforeDecision: number;
  /** The decision's projected totals of each shape, when it priced both. */
  readonly projectedSingle: number | undefined;
  readonly projectedFanOut: number | undefined;
}

/** What {@link runShape} needs. */
export interface ShapeRunInput {
  readonly simulator: Simulator;
  readonly client: ModelClient;
  readonly workload: Workload;
  readonly task: Workload['tasks'][number];
  readonly requested: RequestedShape;
  readonly maxTurns: number;
  readonly maxTokens: number;
}

/**
 * Runs a task with `runTask` in the requested shape under a roomy budget and
 * grades it; the simulator is reset first, so its invoice is this run's alone.
 */
export async function runShape(input: ShapeRunInput): Promise<ShapeRun> {
  const { simulator, task, workload } = input;
  simulator.reset();
  let spent = 0;
  let decided:
    { spent: number; single: number | undefined; fanOut: number | undefined } | undefined;
  const result = await runTask({
    task: task.prompt,
    client: input.client,
    budget: { usd: '1000' },
    shape: input.requested,
    tools: bursarTools(workload),
    system: [workload.systemPrompt],
    maxTurns: input.maxTurns,
    maxTokens: input.maxTokens,
    store: false,
    now: () => simulator.clock.now(),
    onEvent: (event) => {
      if (event.type === 'budget.reservation.charge') spent += event.cost.usd;
      if (event.type === 'task.shape')
        decided = { spent, single: event.single, fanOut: event.fanOut };
    },
  });
  return {
    requested: input.requested,
    ran: result.report.shape,
    status: result.status,
    cost: simulator.invoice().total,
    ledger: result.report.cost,
    grade: simulator.grade(task.id, result.output).score,
    calls: result.report.timeline.length,
    reason: result.report.decisions.find((decision) => decision.kind === 'shape')?.reason ?? '',
    spentBeforeDecision: decided?.spent ?? 0,
    projectedSingle: decided?.single,
    projectedFanOut: decided?.fanOut,
  };
}
