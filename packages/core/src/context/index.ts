export { ArtifactStore, type Artifact } from './artifact-store';
export { PrefixTracker, type PrefixBust, type StableSegment } from './prefix-tracker';
export {
  pruneUsedResults,
  pruningPays,
  prunedMarker,
  type PruneDecision,
  type PruneOptions,
} from './prune-used-results';
