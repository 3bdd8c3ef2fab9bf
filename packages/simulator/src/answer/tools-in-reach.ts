/**
 * The tools a model can call now: those not deferred (`defer_loading`), those
 * a `tool_reference` has loaded (from a tool search, a client's tool result,
 * or a `tool_addition` of a per-turn system message), less those a
 * `tool_removal` took away. A `tool_addition` that carries a whole definition
 * adds that tool.
 *
 * @example
 * ```ts
 * toolsInReach(
 *   [{ name: 'Read' }, { name: 'Deploy', defer_loading: true }],
 *   [{ role: 'user', content: [{ type: 'tool_result', tool_use_id: 't', content: [{ type: 'tool_reference', tool_name: 'Deploy' }] }] }],
 * ); // both
 * ```
 */
export function toolsInReach<
  TTool extends { readonly name: string; readonly defer_loading?: boolean | undefined },
>(tools: readonly TTool[], messages: readonly unknown[]): TTool[] {
  const loaded = new Set<string>();
  const removed = new Set<string>();
  const added: TTool[] = [];
  const visit = (value: unknown): void => {
    if (Array.isArray(value)) {
      for (const item of value as unknown[]) visit(item);
      return;
    }
    if (typeof value !== 'object' || value === null) return;
    const block = value as Record<string, unknown>;
    if (block['type'] === 'tool_reference' && typeof block['tool_name'] === 'string') {
      loaded.add(block['tool_name']);
      removed.delete(block['tool_name']);
    }
    const tool = block['tool'] as
      { type?: unknown; name?: unknown; definition?: unknown } | undefined;
    if (block['type'] === 'tool_addition' && tool !== undefined) {
      const definition = tool.definition as TTool | undefined;
      if (tool.type === 'tool_definition' && typeof definition?.name === 'string') {
        added.push(definition);
        removed.delete(definition.name);
      } else if (typeof tool.name === 'string') {
        loaded.add(tool.name);
        removed.delete(tool.name);
      }
    }
    if (block['type'] === 'tool_removal' && typeof tool?.name === 'string') {
      removed.add(tool.name);
      loaded.delete(tool.name);
    }
    for (const [key, member] of Object.entries(block)) if (key !== 'tool') visit(member);
  };
  visit(messages);
  const inReach = [...tools, ...added].filter(
    (tool) => (tool.defer_loading !== true || loaded.has(tool.name)) && !removed.has(tool.name),
  );
  // A name defined twice (a tool_addition of a listed tool) counts once, the later definition.
  const byName = new Map(inReach.map((tool) => [tool.name, tool]));
  return [...byName.values()];
}
