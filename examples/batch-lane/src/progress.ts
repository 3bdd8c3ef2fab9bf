import { formatUsd, type BatchEvent, type TaskEvent } from '@bursar/core';
import { createLogUpdate } from 'log-update';
import { formatDuration } from './format-duration';

/** Shows the example's work as it runs. */
export interface Progress {
  /** An event of `runBatch` (part 1). */
  readonly bulk: (event: BatchEvent) => void;
  /** An event of a `runTask` run (part 2), with the run's label. */
  readonly task: (label: string, event: TaskEvent) => void;
  /** An event of a `runTask` run's batch lane client, with the run's label. */
  readonly taskBatch: (label: string, event: BatchEvent) => void;
  /** Clears the live line; what was persisted stays. */
  readonly stop: () => void;
}

/** Options of {@link createProgress}. */
export interface ProgressOptions {
  /** Off: every method does nothing (output that is not a terminal stays clean). */
  readonly enabled: boolean;
  /** @default process.stdout */
  readonly stream?: NodeJS.WriteStream;
}

const noProgress: Progress = {
  bulk: () => undefined,
  task: () => undefined,
  taskBatch: () => undefined,
  stop: () => undefined,
};

/**
 * Live progress on a terminal with log-update, redrawn in place: for a bulk
 * run the lane, the batch's request counts from its `batch.progress` events
 * and the time on the run's clock, with a persisted line as each run
 * finishes; for a task run its phase, spend and batches. Disabled, it prints
 * nothing.
 *
 * @example
 * ```ts
 * const progress = createProgress({ enabled: process.stdout.isTTY });
 * await runBulkComparison({ backend, onEvent: progress.bulk });
 * progress.stop();
 * ```
 */
export function createProgress(options: ProgressOptions): Progress {
  if (!options.enabled) return noProgress;
  const log = createLogUpdate(options.stream ?? process.stdout);
  // Part 1: the current runBatch run.
  let started = 0;
  let lane = '';
  let counts = '';
  let retried = 0;
  // Part 2: the current runTask run.
  let label = '';
  let phase = '';
  let spent = 0;
  let batches = { sent: 0, ended: 0 };

  const renderBulk = (event: BatchEvent) => {
    const retries = retried > 0 ? `, ${String(retried)} retried interactively` : '';
    log(
      `${event.run}: ${lane} lane${counts}${retries}, ${formatDuration(event.at - started)} on the clock`,
    );
  };
  const renderTask = () => {
    const inBatches =
      batches.sent > 0 ? `, batches ${String(batches.ended)}/${String(batches.sent)} ended` : '';
    log(`task, ${label}: ${phase}, ${formatUsd(spent, { maxDecimals: 4 })} spent${inBatches}`);
  };

  return {
    bulk(event) {
      switch (event.type) {
        case 'batch.lane':
          started = event.at;
          lane = event.lane;
          counts = ` (${String(event.items)} items)`;
          retried = 0;
          break;
        case 'batch.submit':
          counts = `, batch of ${String(event.requests)} submitted`;
          break;
        case 'batch.progress': {
          const { total } = event;
          counts = `, batch ${event.status}: ${String(total.succeeded)} succeeded, ${String(total.errored)} errored, ${String(total.expired)} expired, ${String(total.processing)} processing`;
          break;
        }
        case 'batch.item.retry':
          retried += 1;
          break;
        case 'batch.finish':
          log.clear();
          log.persist(
            `✓ ${event.run}: ${event.status} in the ${lane} lane, ${formatUsd(event.totals.cost)}, ${formatDuration(event.at - started)} on the clock`,
          );
          return;
        // Nothing shown changes: no redraw.
        case 'batch.item.unsubmitted':
        case 'batch.cancel':
        case 'batch.poll.error':
        case 'batch.end':
        case 'batch.item.fail':
        case 'batch.result.unclaimed':
          return;
      }
      renderBulk(event);
    },
    task(runLabel, event) {
      if (event.type === 'task.start') {
        label = runLabel;
        phase = 'start';
        spent = 0;
        batches = { sent: 0, ended: 0 };
      } else if (event.type === 'task.phase') phase = event.phase;
      else if (event.type === 'agent.turn.end') spent += event.cost;
      else if (event.type === 'task.finish') {
        log.clear();
        log.persist(
          `✓ task, ${runLabel}: ${event.status}, ${formatUsd(event.cost, { maxDecimals: 4 })}`,
        );
        return;
      } else return;
      renderTask();
    },
    taskBatch(_runLabel, event) {
      if (event.type === 'batch.submit') batches.sent += 1;
      else if (event.type === 'batch.end') batches.ended += 1;
      else return;
      renderTask();
    },
    stop() {
      log.clear();
      log.done();
    },
  };
}
