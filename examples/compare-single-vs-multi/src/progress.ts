import type { TaskEvent } from '@bursar/core';
import { createLogUpdate } from 'log-update';
import { formatUsd4 } from '@bursar-examples/support';
import type { ComparisonRun, RunPosition } from './run-comparison';

/** Shows the demo's work as it runs. */
export interface Progress {
  runStart(position: RunPosition): void;
  event(event: TaskEvent): void;
  runEnd(run: ComparisonRun, position: RunPosition): void;
  /** Clears the live lines; what was persisted stays. */
  stop(): void;
}

/** Options of {@link createProgress}. */
export interface ProgressOptions {
  /** Off: every method does nothing (output that is not a terminal stays clean). */
  readonly enabled: boolean;
  /** @default process.stdout */
  readonly stream?: NodeJS.WriteStream;
}

interface AgentLine {
  readonly model: string;
  status: string | undefined;
  cost: number;
}

const noProgress: Progress = {
  runStart: () => undefined,
  event: () => undefined,
  runEnd: () => undefined,
  stop: () => undefined,
};

/**
 * Live progress on a terminal with log-update: the running task's phase,
 * spend and subagents (starting, running, finished), redrawn in place, and
 * one persisted line per finished run. Disabled, it prints nothing.
 *
 * @example
 * ```ts
 * const progress = createProgress({ enabled: process.stdout.isTTY });
 * await runComparison({ ...options, onRunStart: progress.runStart, onEvent: progress.event });
 * progress.stop();
 * ```
 */
export function createProgress(options: ProgressOptions): Progress {
  if (!options.enabled) return noProgress;
  const log = createLogUpdate(options.stream ?? process.stdout);
  let header = '';
  let phase = 'start';
  let spent = 0;
  const agents = new Map<string, AgentLine>();

  const render = () => {
    const lines = [`${header}: ${phase}, ${formatUsd4(spent)} spent`];
    for (const [name, agent] of agents) {
      lines.push(
        agent.status === undefined
          ? `  … ${name}  running on ${agent.model}`
          : `  ${agent.status === 'completed' ? '✓' : '!'} ${name}  ${agent.status}  ${formatUsd4(agent.cost)}`,
      );
    }
    log(lines.join('\n'));
  };

  return {
    runStart(position) {
      header = `[$${position.perTaskUsd} ${String(position.index + 1).padStart(String(position.total).length)}/${String(position.total)}] ${position.taskCase.set} ${position.taskCase.task.id}, shape ${position.shape}`;
      phase = 'start';
      spent = 0;
      agents.clear();
      render();
    },
    event(event) {
      if (event.type === 'task.phase') phase = event.phase;
      else if (event.type === 'task.subagent.start')
        agents.set(event.agent, { model: event.model, status: undefined, cost: 0 });
      else if (event.type === 'task.subagent.finish') {
        const agent = agents.get(event.agent);
        if (agent !== undefined) {
          agent.status = event.status;
          agent.cost = event.cost;
        }
      } else if (event.type === 'agent.turn.end') spent += event.cost;
      // Budget and other agent events change nothing shown: no redraw.
      else return;
      render();
    },
    runEnd(run, position) {
      log.clear();
      const ran = run.shape === 'auto' ? ` (ran ${run.report.shape ?? 'none'})` : '';
      log.persist(
        `✓ [$${position.perTaskUsd} ${String(position.index + 1)}/${String(position.total)}] ${run.taskCase.task.id} ${run.shape}${ran}: ${run.status}, ${formatUsd4(run.report.cost)}, grade ${run.grade.toFixed(2)}, ${(run.report.durationMs / 1000).toFixed(1)} s`,
      );
    },
    stop() {
      log.clear();
      log.done();
    },
  };
}
