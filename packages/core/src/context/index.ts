export { ArtifactStore, type Artifact } from './artifact-store';
export { PrefixTracker, type PrefixBust, type StableSegment } from './prefix-tracker';
export {
  pruneUsedResults,
  prunedMarker,
  type PruneDecision,
  type PruneOptions,
} from './prune-used-results';
