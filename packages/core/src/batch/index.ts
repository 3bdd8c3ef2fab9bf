// The batch lane: bulk jobs at half price under a budget and a deadline, and a
// ModelClient that moves patient calls to Message Batches.
export { runBatch, type RunBatchOptions } from './run-batch';
export type { BatchItem } from './batch-item';
export type {
  BatchFailureReason,
  BatchItemResult,
  BatchOutcome,
  BatchUnsubmittedReason,
} from './batch-item-result';
export type { BatchRunResult, BatchRunStatus } from './batch-run-result';
export type { BatchTotals, LaneTotals } from './batch-totals';
export type { BatchEvent, BatchEventListener } from './batch-events';
export {
  createBatchLaneClient,
  type BatchLaneClient,
  type BatchLaneClientOptions,
} from './batch-lane-client';
export {
  chooseLane,
  type ChooseLaneInput,
  type LaneDecision,
  type LanePreference,
} from './choose-lane';
export { realBatchClock, type BatchClock } from './batch-clock';
export { defaultBatchLimits, resolveBatchLimits } from './batch-limits';
export { splitIntoBatches, type BatchSplit } from './split-into-batches';
export {
  pollDelay,
  resolvePollOptions,
  type BatchPollOptions,
  type ResolvedPollOptions,
} from './poll-options';
export {
  waitForBatch,
  type BatchCancelReason,
  type WaitForBatchOptions,
  type WaitedBatch,
} from './wait-for-batch';
export { cacheWritesOf, toBatchLaneRequest } from './to-batch-lane-request';
