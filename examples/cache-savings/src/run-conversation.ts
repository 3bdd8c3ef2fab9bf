import Anthropic from '@anthropic-ai/sdk';
import { createSimulator, type Invoice } from '@bursar/simulator';

/** Options of {@link runConversation}. */
export interface ConversationOptions {
  /** Put cache breakpoints on the system prompt and the conversation's end. */
  readonly cached: boolean;
  /** @default 12 */
  readonly turns?: number;
  /** @default 'claude-sonnet-4-6' */
  readonly model?: string;
}

// A stable prefix as agents have: instructions and tool definitions of a few
// thousand tokens, resent on every turn.
const instructions = Array.from(
  { length: 120 },
  (_, index) =>
    `Rule ${index + 1}: when a tool returns records, check field ${index % 7} against the ledger before you answer, and say which record you used.`,
).join('\n');

const tools: Anthropic.Tool[] = [
  {
    name: 'lookup_records',
    description: 'Looks up ledger records by account and month. Returns JSON rows.',
    input_schema: {
      type: 'object',
      properties: { account: { type: 'string' }, month: { type: 'string' } },
      required: ['account', 'month'],
    },
  },
];

function toolResult(turn: number): string {
  const rows = Array.from({ length: 25 }, (_, index) => ({
    id: `r-${turn}-${index}`,
    account: `acct-${(turn * 31 + index) % 97}`,
    amount: ((turn + 3) * (index + 11)) % 1000,
    memo: `settlement batch ${turn}.${index}`,
  }));
  return JSON.stringify(rows);
}

/**
 * Runs a tool loop of `turns` turns against a fresh simulator, through the
 * official SDK, and returns the simulator's invoice. The conversation is the
 * same with and without caching; only the breakpoints differ.
 */
export async function runConversation(options: ConversationOptions): Promise<Invoice> {
  const simulator = createSimulator({ seed: 'cache-savings' });
  const client = new Anthropic({ apiKey: 'example', fetch: simulator.fetch, maxRetries: 0 });
  const model = options.model ?? 'claude-sonnet-4-6';
  const messages: Anthropic.MessageParam[] = [
    {
      role: 'user',
      content: 'Reconcile the March ledger for the accounts that changed, one lookup per turn.',
    },
  ];
  const system: Anthropic.TextBlockParam[] = [
    {
      type: 'text',
      text: instructions,
      ...(options.cached ? { cache_control: { type: 'ephemeral' as const } } : {}),
    },
  ];
  for (let turn = 0; turn < (options.turns ?? 12); turn += 1) {
    const response = await client.messages.create({
      model,
      max_tokens: 300,
      system,
      tools,
      tool_choice: { type: 'tool', name: 'lookup_records' },
      // The breakpoint rides on the conversation's end: each turn reads the last one's entry.
      ...(options.cached ? { cache_control: { type: 'ephemeral' as const } } : {}),
      messages,
    });
    const call = response.content.find((block) => block.type === 'tool_use');
    if (call === undefined) break;
    messages.push({ role: 'assistant', content: response.content });
    messages.push({
      role: 'user',
      content: [{ type: 'tool_result', tool_use_id: call.id, content: toolResult(turn) }],
    });
  }
  return simulator.invoice();
}
