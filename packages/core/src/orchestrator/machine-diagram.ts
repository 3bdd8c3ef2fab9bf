import type { AnyStateMachine, AnyStateNode } from 'xstate';

/**
 * A Mermaid state diagram of a machine, generated from its definition (so
 * the picture in the docs cannot drift from the code): every state, every
 * transition labeled with its description, guard or event, and the final states.
 *
 * @example
 * ```ts
 * const text = machineToMermaid(createOrchestratorMachine(services));
 * // stateDiagram-v2\n  [*] --> start\n  start --> finished: ended ...
 * ```
 */
export function machineToMermaid(machine: AnyStateMachine): string {
  const lines = ['stateDiagram-v2'];
  const root = machine.root;
  const initial = root.initial.target[0];
  if (initial !== undefined) lines.push(`  [*] --> ${initial.key}`);
  for (const node of Object.values(root.states) as AnyStateNode[]) {
    if (node.type === 'final') {
      lines.push(`  ${node.key} --> [*]`);
      continue;
    }
    const transitions = [...(node.always ?? []), ...[...node.transitions.values()].flat()];
    for (const transition of transitions) {
      for (const target of transition.target ?? []) {
        lines.push(`  ${node.key} --> ${target.key}: ${labelOf(transition)}`);
      }
    }
  }
  return lines.join('\n');
}

function labelOf(transition: {
  readonly description?: string;
  readonly guard?: unknown;
  readonly eventType: string;
}): string {
  if (transition.description !== undefined) return transition.description;
  const guard = transition.guard as { type?: unknown } | string | undefined;
  if (typeof guard === 'string') return guard;
  if (guard !== undefined && typeof guard.type === 'string') return guard.type;
  if (transition.eventType.startsWith('xstate.done.actor')) return 'done';
  if (transition.eventType.startsWith('xstate.error.actor')) return 'error';
  return transition.eventType === '' ? 'always' : transition.eventType;
}
