import type { MessageRequest } from '../api/message-request';

/** A tool call found in the request's assistant turns. */
export interface MadeCall {
  readonly id: string;
  readonly name: string;
  readonly input: unknown;
}

/** What the simulated model reads from a request. */
export interface RequestReading {
  /** Every piece of text the model can see, joined: facts are looked up in it. */
  readonly context: string;
  readonly systemText: string;
  readonly firstUserText: string;
  /** Tool calls of earlier assistant turns, in order. */
  readonly calls: readonly MadeCall[];
  /** Assistant messages in the request. */
  readonly assistantTurns: number;
  /** Tool results of the last user message, with the call each answers. */
  readonly freshResults: readonly {
    readonly call: MadeCall | undefined;
    readonly content: string;
  }[];
}

/**
 * Reads a request as the simulated model does: only what is in it. Text,
 * tool results and the model's own earlier words are all it knows.
 *
 * @example
 * ```ts
 * const reading = readRequest(request);
 * reading.context.includes('Pat Burrell'); // whether the model can know it
 * ```
 */
export function readRequest(request: MessageRequest): RequestReading {
  const parts: string[] = [];
  const systemText =
    typeof request.system === 'string'
      ? request.system
      : (request.system ?? []).map((block) => block.text).join('\n');
  parts.push(systemText);
  const calls: MadeCall[] = [];
  let firstUserText: string | undefined;
  let assistantTurns = 0;
  let freshResults: { call: MadeCall | undefined; content: string }[] = [];
  const lastIndex = request.messages.length - 1;
  request.messages.forEach((message, index) => {
    if (message.role === 'assistant') assistantTurns += 1;
    const blocks =
      typeof message.content === 'string'
        ? [{ type: 'text', text: message.content }]
        : message.content;
    const texts: string[] = [];
    const results: { call: MadeCall | undefined; content: string }[] = [];
    for (const block of blocks as readonly Record<string, unknown>[]) {
      if (block['type'] === 'text' && typeof block['text'] === 'string') texts.push(block['text']);
      else if (block['type'] === 'tool_use') {
        const call = {
          id: String(block['id']),
          name: String(block['name']),
          input: block['input'],
        };
        calls.push(call);
        texts.push(`${call.name} ${JSON.stringify(call.input)}`);
      } else if (block['type'] === 'tool_result') {
        const content = toolResultText(block['content']);
        texts.push(content);
        results.push({ call: calls.find((call) => call.id === block['tool_use_id']), content });
      } else if (block['type'] === 'document') {
        const source = block['source'] as { data?: unknown } | undefined;
        if (typeof source?.data === 'string') texts.push(source.data);
      }
    }
    const text = texts.join('\n');
    if (message.role === 'user' && firstUserText === undefined) firstUserText = text;
    if (index === lastIndex && message.role === 'user') freshResults = results;
    parts.push(text);
  });
  return {
    context: parts.join('\n'),
    systemText,
    firstUserText: firstUserText ?? '',
    calls,
    assistantTurns,
    freshResults,
  };
}

function toolResultText(content: unknown): string {
  if (typeof content === 'string') return content;
  if (!Array.isArray(content)) return '';
  return content
    .map((part: unknown) => {
      const block = part as { type?: unknown; text?: unknown };
      return block.type === 'text' && typeof block.text === 'string' ? block.text : '';
    })
    .join('\n');
}
