import type { BenchmarkSection } from './benchmark-section';
import { batchLaneSection } from './sections/batch-lane-section';
import { budgetFitSection, budgetFitTrainSection } from './sections/budget-fit-section';
import { budgetSweepSection } from './sections/budget-sweep-section';
import { contextSavingsSection } from './sections/context-savings-section';
import { faultStormSection } from './sections/fault-storm-section';
import { governorOverheadSection } from './sections/governor-overhead-section';
import { orchestratorScaleSection } from './sections/orchestrator-scale-section';
import { peersCompareSection } from './sections/peers-compare-section';
import { projectionErrorSection } from './sections/projection-error-section';
import { routingEvalSection } from './sections/routing-eval-section';
import { shapesCompareSection } from './sections/shapes-compare-section';
import { simulatorThroughputSection } from './sections/simulator-throughput-section';

/**
 * The sections of docs/benchmarks.md, in page order. Every results file must
 * be read by at least one of them (a new benchmark needs a section).
 */
export const benchmarkSections: readonly BenchmarkSection[] = [
  simulatorThroughputSection,
  governorOverheadSection,
  contextSavingsSection,
  orchestratorScaleSection,
  batchLaneSection,
  routingEvalSection,
  peersCompareSection,
  shapesCompareSection,
  budgetSweepSection,
  projectionErrorSection,
  budgetFitSection,
  budgetFitTrainSection,
  faultStormSection,
];
