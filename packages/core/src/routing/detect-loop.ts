import type { ModelMessage } from '../model/model-request';

/** A tool call the model made several times in a row with the same input. */
export interface LoopDetection {
  /** The tool's name. */
  readonly tool: string;
  readonly input: unknown;
  /** How many times in a row it was made (at least `minRepeats`). */
  readonly repeats: number;
  /** The index in `messages` of the assistant message that made the first of them. */
  readonly messageIndex: number;
}

/** Options of {@link detectLoop}. */
export interface DetectLoopOptions {
  /** Calls in a row that make a loop. @default 2 */
  readonly minRepeats?: number;
}

/** JSON with object keys sorted, so `{a, b}` and `{b, a}` are the same input. */
function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, item: unknown) =>
    typeof item === 'object' && item !== null && !Array.isArray(item)
      ? Object.fromEntries(
          Object.entries(item as Record<string, unknown>).sort(([a], [b]) =>
            a < b ? -1 : a > b ? 1 : 0,
          ),
        )
      : item,
  );
}

/**
 * Finds a loop in a conversation: the same tool called with the same input
 * (keys in any order) back to back, `minRepeats` times or more. The calls
 * are those of the assistant messages in order; an assistant message with no
 * tool call (an answer) ends a run, and tool results between calls do not.
 * Returns the first such run, or undefined. Pure.
 *
 * A loop costs a turn at least, and a model that loops is usually under its
 * step's tier: the orchestrator can check after each turn and escalate.
 *
 * @example
 * ```ts
 * const loop = detectLoop(result.messages);
 * if (loop !== undefined) {
 *   router.escalate(model, { kind: 'loop', reason: `${loop.tool} ${String(loop.repeats)} times in a row` });
 * }
 * ```
 */
export function detectLoop(
  messages: readonly ModelMessage[],
  options: DetectLoopOptions = {},
): LoopDetection | undefined {
  const minRepeats = options.minRepeats ?? 2;
  let run: { key: string; tool: string; input: unknown; repeats: number; messageIndex: number } = {
    key: '',
    tool: '',
    input: undefined,
    repeats: 0,
    messageIndex: -1,
  };
  let found: LoopDetection | undefined;
  const close = (): void => {
    if (found === undefined && run.repeats >= minRepeats)
      found = {
        tool: run.tool,
        input: run.input,
        repeats: run.repeats,
        messageIndex: run.messageIndex,
      };
  };
  messages.forEach((message, messageIndex) => {
    if (message.role !== 'assistant') return;
    let calls = 0;
    for (const part of message.content) {
      if (part.type !== 'tool-call') continue;
      calls += 1;
      const key = `${part.name}\u0000${canonicalJson(part.input)}`;
      if (key === run.key) {
        run.repeats += 1;
        continue;
      }
      close();
      run = { key, tool: part.name, input: part.input, repeats: 1, messageIndex };
    }
    if (calls === 0) {
      close();
      run = { key: '', tool: '', input: undefined, repeats: 0, messageIndex: -1 };
    }
  });
  close();
  return found;
}
