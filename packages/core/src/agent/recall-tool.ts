import * as z from 'zod';
import type { ArtifactStore } from '../context/artifact-store';
import type { AnyAgentTool } from './agent-tool';

/** The tool that reads a pruned result back. */
export function recallTool(store: ArtifactStore): AnyAgentTool {
  return {
    name: 'recall',
    description:
      'Reads a pruned tool result again: pass the artifact id its [pruned] note names (a1, a2, ...).',
    input: recallInput,
    execute: ({ artifactId }: { artifactId: string }) =>
      store.get(artifactId)?.content ?? `No artifact ${artifactId}.`,
  };
}

const recallInput = z.object({ artifactId: z.string() });
