/** A tool result kept aside when pruned, so the agent can fetch it again. */
export interface Artifact {
  readonly id: string;
  readonly tool: string;
  readonly content: string;
}

/**
 * Keeps pruned tool results by id (`a1`, `a2`, …) for the recall tool.
 *
 * @example
 * ```ts
 * const store = new ArtifactStore();
 * const id = store.put('search', longResult); // 'a1'
 * store.get(id)?.content;
 * ```
 */
export class ArtifactStore {
  private readonly artifacts = new Map<string, Artifact>();

  put(tool: string, content: string): string {
    const id = `a${String(this.artifacts.size + 1)}`;
    this.artifacts.set(id, { id, tool, content });
    return id;
  }

  get(id: string): Artifact | undefined {
    return this.artifacts.get(id);
  }

  get size(): number {
    return this.artifacts.size;
  }
}
