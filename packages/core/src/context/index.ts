export { ArtifactStore, type Artifact } from './artifact-store';
export { ConversationCache, type CacheEstimate } from './conversation-cache';
export { PrefixTracker, type PrefixBust, type StableSegment } from './prefix-tracker';
export {
  prunedMarker,
  prunedNote,
  pruneResults,
  usedResults,
  type UsedResult,
} from './prune-used-results';
export { PruningPlanner, type PruneDecision, type PruneOptions } from './pruning-planner';
