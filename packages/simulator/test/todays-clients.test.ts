import { cost, createUsage, serverToolCost } from '@bursar/core/pricing';
import { afterEach, describe, expect, it } from 'vitest';
import { longText } from './support/prompt-text';
import { parseServerSentEvents } from './support/server-sent-events';
import { closeSimulators, startSimulator } from './support/start-simulator';

// Request shapes today's official clients send (API-FACTS.md, "What today's clients
// send"; the SDK's beta .d.ts files), posted over HTTP on 127.0.0.1 exactly as a
// client does: `?beta=true`, the beta headers, and bodies the official SDK types.

afterEach(closeSimulators);

const betas = [
  'claude-code-20250219',
  'interleaved-thinking-2025-05-14',
  'context-management-2025-06-27',
  'per-turn-control-2026-07-01',
  'mid-conversation-tool-changes-2026-07-01',
  'thinking-token-count-2026-05-13',
  'advanced-tool-use-2025-11-20',
  'effort-2025-11-24',
].join(',');

type Body = Record<string, unknown>;
type Usage = {
  input_tokens: number;
  output_tokens: number;
  cache_creation_input_tokens: number;
  cache_read_input_tokens: number;
  cache_creation: { ephemeral_5m_input_tokens: number; ephemeral_1h_input_tokens: number };
  server_tool_use: { web_search_requests: number; web_fetch_requests: number } | null;
  output_tokens_details: { thinking_tokens: number } | null;
};
type Block = Record<string, unknown> & { type: string };
type Message = {
  id: string;
  content: Block[];
  stop_reason: string;
  usage: Usage;
  context_management?: { applied_edits: Record<string, unknown>[] };
};

async function start() {
  const started = await startSimulator({ latency: { mode: 'zero' } });
  const post = async (path: string, body: Body): Promise<Response> =>
    fetch(`${started.url}${path}?beta=true`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'x-api-key': 'sim-fake-key',
        'anthropic-version': '2023-06-01',
        'anthropic-beta': betas,
        'x-app': 'cli',
      },
      body: JSON.stringify(body),
    });
  const create = async (body: Body): Promise<Message> => {
    const response = await post('/v1/messages', body);
    const text = await response.text();
    expect(response.status, text).toBe(200);
    return JSON.parse(text) as Message;
  };
  const count = async (body: Body): Promise<number> => {
    // count_tokens takes the request without max_tokens and stream.
    const rest = Object.fromEntries(
      Object.entries(body).filter(([key]) => key !== 'max_tokens' && key !== 'stream'),
    );
    const response = await post('/v1/messages/count_tokens', rest);
    const text = await response.text();
    expect(response.status, text).toBe(200);
    return (JSON.parse(text) as { input_tokens: number }).input_tokens;
  };
  const refuse = async (body: Body): Promise<string> => {
    const response = await post('/v1/messages', body);
    expect(response.status).toBe(400);
    const error = (await response.json()) as { error: { type: string; message: string } };
    expect(error.error.type).toBe('invalid_request_error');
    return error.error.message;
  };
  return { ...started, post, create, count, refuse };
}

const promptOf = (usage: Usage): number =>
  usage.input_tokens + usage.cache_creation_input_tokens + usage.cache_read_input_tokens;

const readTool = {
  name: 'Read',
  description: 'Reads a file from the local filesystem.',
  input_schema: {
    type: 'object',
    properties: { file_path: { type: 'string' }, limit: { type: 'integer', minimum: 1 } },
    required: ['file_path'],
  },
};

/** Claude Code 2.1.328's first request, as captured (system text shortened). */
function claudeCodeRequest(overrides: Body = {}): Body {
  return {
    model: 'claude-opus-5-5',
    max_tokens: 128_000,
    metadata: { user_id: JSON.stringify({ device_id: 'd', account_uuid: '', session_id: 's' }) },
    thinking: { type: 'adaptive', display: 'omitted' },
    context_management: { edits: [{ type: 'clear_thinking_20251015', keep: 'all' }] },
    output_config: { effort: 'medium' },
    system: [
      { type: 'text', text: 'x-anthropic-billing-header: cc_version=2.1.328' },
      { type: 'text', text: 'You are Claude Code.', cache_control: { type: 'ephemeral' } },
      { type: 'text', text: longText('instructions', 400), cache_control: { type: 'ephemeral' } },
    ],
    tools: [
      readTool,
      {
        name: 'Bash',
        input_schema: { type: 'object', properties: { command: { type: 'string' } } },
      },
      {
        name: 'DeferredToolPlaceholder',
        description: 'Loaded on demand.',
        input_schema: { type: 'object' },
        defer_loading: true,
      },
    ],
    messages: [
      {
        role: 'user',
        content: [
          { type: 'text', text: '<system-reminder>Today is a day.</system-reminder>' },
          { type: 'text', text: 'Read notes.txt and tell me what it says.' },
        ],
      },
      { role: 'system', content: [{ type: 'text', text: '# Environment\nPlatform: linux' }] },
    ],
    ...overrides,
  };
}

describe("today's clients' request shapes", () => {
  it("accepts Claude Code's first request streamed, thinks (billed as output) and calls a tool", async () => {
    const { post, simulator } = await start();
    const response = await post('/v1/messages', claudeCodeRequest({ stream: true }));
    expect(response.status).toBe(200);
    const events = parseServerSentEvents(await response.text());
    const starts = events.filter((event) => event.event === 'content_block_start');
    expect(starts.map((event) => (event.data['content_block'] as Block).type)).toEqual([
      'thinking',
      'tool_use',
    ]);
    // display: omitted sends no thinking text, only the signature.
    const deltas = events.flatMap((event) =>
      event.event === 'content_block_delta' ? [(event.data['delta'] as Block).type] : [],
    );
    expect(deltas).not.toContain('thinking_delta');
    expect(deltas).toContain('signature_delta');
    const last = events.find((event) => event.event === 'message_delta')?.data;
    const usage = last?.['usage'] as Usage;
    expect(last?.['context_management']).toEqual({ applied_edits: [] });

    const [line] = simulator.invoice().lines;
    if (line === undefined) throw new Error('no invoice line');
    expect(line.usage.output).toBe(usage.output_tokens);
    const thinking = usage.output_tokens_details?.thinking_tokens ?? 0;
    expect(thinking).toBeGreaterThan(0);
    expect(usage.output_tokens).toBeGreaterThan(thinking);
    expect(line?.cost).toBe(cost(line.usage, 'claude-opus-5-5'));
  });

  it('answers the same request whole, and bills thinking sent back (text omitted) at the tokens it cost', async () => {
    const { create, count, simulator } = await start();
    const first = await create(claudeCodeRequest());
    expect(first.content.map((block) => block.type)).toEqual(['thinking', 'tool_use']);
    expect(first.stop_reason).toBe('tool_use');
    expect(first.content[0]?.['thinking']).toBe('');
    const call = first.content[1];
    // Never a tool that runs commands, never a deferred one.
    expect(call?.['name']).toBe('Read');

    const history = claudeCodeRequest()['messages'] as Body[];
    const next = claudeCodeRequest({
      messages: [
        ...history,
        { role: 'assistant', content: first.content },
        {
          role: 'user',
          content: [{ type: 'tool_result', tool_use_id: call?.['id'], content: 'The river.' }],
        },
      ],
    });
    const second = await create(next);
    expect(second.stop_reason).toBe('end_turn');
    expect(second.content.map((block) => block.type)).toEqual(['thinking', 'text']);

    // The omitted thinking is input at its full size: the prompt grew by more than the
    // tool call and result alone.
    const thinkingTokens = first.usage.output_tokens_details?.thinking_tokens ?? 0;
    const without = await count({
      ...next,
      messages: (next['messages'] as Body[]).map((message) =>
        message['role'] === 'assistant'
          ? { ...message, content: (message['content'] as Block[]).slice(1) }
          : message,
      ),
    });
    expect(await count(next)).toBe(without + thinkingTokens);
    expect(promptOf(second.usage)).toBe(await count(next));
    const lines = simulator.invoice().lines;
    expect(lines.map((line) => line.usage.output)).toEqual([
      first.usage.output_tokens,
      second.usage.output_tokens,
    ]);
  });

  it('takes max_tokens 128,000 on claude-opus-5-5 and refuses one more', async () => {
    const { create, refuse } = await start();
    await create(claudeCodeRequest({ thinking: { type: 'disabled' } }));
    expect(await refuse(claudeCodeRequest({ max_tokens: 128_001 }))).toMatch(
      /max_tokens: 128001 > 128000/,
    );
  });

  it('checks thinking.budget_tokens as the SDK documents it: >= 1024 and below max_tokens', async () => {
    const { create, refuse } = await start();
    const base = claudeCodeRequest({ max_tokens: 4_000, context_management: undefined });
    expect(await refuse({ ...base, thinking: { type: 'enabled', budget_tokens: 1023 } })).toMatch(
      /budget_tokens/,
    );
    expect(await refuse({ ...base, thinking: { type: 'enabled', budget_tokens: 4_000 } })).toMatch(
      /max_tokens: 4000 must be greater than thinking\.budget_tokens/,
    );
    const answer = await create({ ...base, thinking: { type: 'enabled', budget_tokens: 1024 } });
    expect(answer.usage.output_tokens_details?.thinking_tokens).toBeLessThanOrEqual(1024);
  });

  it('reads system-role messages in place; one with clear_at next_user_message leaves once a user speaks', async () => {
    const { count, refuse, create } = await start();
    const user = { role: 'user', content: 'Go on.' };
    const assistant = { role: 'assistant', content: 'Going.' };
    const note = { role: 'system', content: longText('reminder', 40) };
    const base = claudeCodeRequest({ messages: [user, assistant, user] });
    const plain = await count(base);
    const kept = await count({ ...base, messages: [user, note, assistant, user] });
    expect(kept).toBeGreaterThan(plain);
    const retired = await count({
      ...base,
      messages: [user, { ...note, clear_at: 'next_user_message' }, assistant, user],
    });
    expect(retired).toBe(plain);
    // A system message may open the conversation, and may carry only a per-turn effort.
    await create({
      ...base,
      messages: [{ role: 'system', output_config: { effort: 'low' } }, user],
    });
    expect(await refuse({ ...base, messages: [user, { role: 'system' }] })).toMatch(
      /messages\.1: a system message needs content or output_config/,
    );
    expect(await refuse({ ...base, messages: [note, assistant] })).toMatch(/"user" role/);
  });

  it('clear_thinking_20251015 drops thinking of all but the last kept turns, and reports it', async () => {
    const { create, count } = await start();
    const thought = (index: number) => ({
      role: 'assistant',
      content: [
        { type: 'thinking', thinking: longText(`thought ${String(index)}`, 30), signature: 'sig' },
        { type: 'text', text: `Answer ${String(index)}.` },
      ],
    });
    const ask = { role: 'user', content: 'And?' };
    const messages = [ask, thought(1), ask, thought(2), ask, thought(3), ask];
    const request = (keep: unknown): Body =>
      claudeCodeRequest({
        thinking: { type: 'adaptive' },
        context_management: { edits: [{ type: 'clear_thinking_20251015', keep }] },
        messages,
      });
    const all = await count(request('all'));
    const answer = await create(request({ type: 'thinking_turns', value: 1 }));
    const [edit] = answer.context_management?.applied_edits ?? [];
    expect(edit).toMatchObject({ type: 'clear_thinking_20251015', cleared_thinking_turns: 2 });
    expect(promptOf(answer.usage)).toBe(all - Number(edit?.['cleared_input_tokens']));
    expect(await count(request({ type: 'thinking_turns', value: 1 }))).toBe(promptOf(answer.usage));
    // Without keep, one turn is kept (the default).
    expect(await count(request(undefined))).toBe(promptOf(answer.usage));
  });

  it('clear_tool_uses_20250919 past its trigger clears all but the last kept results', async () => {
    const { create, count } = await start();
    const messages: Body[] = [{ role: 'user', content: 'Look everything up.' }];
    for (let index = 0; index < 5; index += 1) {
      const id = `toolu_${String(index)}`;
      messages.push({
        role: 'assistant',
        content: [
          { type: 'tool_use', id, name: 'Read', input: { file_path: `/f${String(index)}` } },
        ],
      });
      messages.push({
        role: 'user',
        content: [
          {
            type: 'tool_result',
            tool_use_id: id,
            content: longText(`result ${String(index)}`, 50),
          },
        ],
      });
    }
    const request = (edits: unknown[]): Body =>
      claudeCodeRequest({
        thinking: { type: 'disabled' },
        context_management: { edits },
        messages,
      });
    const whole = await count(request([]));
    const edit = {
      type: 'clear_tool_uses_20250919',
      trigger: { type: 'input_tokens', value: 1_000 },
      keep: { type: 'tool_uses', value: 2 },
    };
    const answer = await create(request([edit]));
    const [applied] = answer.context_management?.applied_edits ?? [];
    expect(applied).toMatchObject({ type: 'clear_tool_uses_20250919', cleared_tool_uses: 3 });
    expect(promptOf(answer.usage)).toBe(whole - Number(applied?.['cleared_input_tokens']));
    // Below its trigger, or unable to clear at least clear_at_least, it leaves all.
    const idle = await create(
      request([{ ...edit, trigger: { type: 'input_tokens', value: whole + 1 } }]),
    );
    expect(idle.context_management?.applied_edits).toEqual([]);
    const tooLittle = await create(
      request([{ ...edit, clear_at_least: { type: 'input_tokens', value: whole } }]),
    );
    expect(tooLittle.context_management?.applied_edits).toEqual([]);
  });

  it('leaves deferred tools out of the prompt until a tool_reference loads one', async () => {
    const { count } = await start();
    const deferred = {
      name: 'Deploy',
      description: longText('deploy tool', 20),
      input_schema: { type: 'object', properties: { target: { type: 'string' } } },
      defer_loading: true,
    };
    const search = { type: 'tool_search_tool_regex_20251119', name: 'tool_search_tool_regex' };
    const base: Body = {
      model: 'claude-opus-5-5',
      tools: [readTool, search],
      messages: [{ role: 'user', content: 'Deploy it.' }],
    };
    const without = await count(base);
    expect(await count({ ...base, tools: [readTool, search, deferred] })).toBe(without);
    const loaded = {
      ...base,
      tools: [readTool, search, deferred],
      messages: [
        { role: 'user', content: 'Deploy it.' },
        { role: 'assistant', content: [{ type: 'tool_use', id: 't1', name: 'Read', input: {} }] },
        {
          role: 'user',
          content: [
            {
              type: 'tool_result',
              tool_use_id: 't1',
              content: [{ type: 'tool_reference', tool_name: 'Deploy' }],
            },
          ],
        },
      ],
    };
    const unloaded = {
      ...loaded,
      messages: (loaded.messages as Body[]).map((message, index) =>
        index === 2
          ? { ...message, content: [{ type: 'tool_result', tool_use_id: 't1', content: [] }] }
          : message,
      ),
    };
    // The reference costs the whole definition it loads, far more than its own JSON.
    expect((await count(loaded)) - (await count(unloaded))).toBeGreaterThan(100);
  });

  it.each([
    {
      type: 'web_search_20250305',
      name: 'web_search',
      field: 'web_search_requests',
      price: 10_000_000,
    },
    { type: 'web_fetch_20250910', name: 'web_fetch', field: 'web_fetch_requests', price: 0 },
  ])(
    'runs $name in the response, reports it in usage.server_tool_use and invoices it',
    async ({ type, name, field, price }) => {
      const { create, simulator } = await start();
      const answer = await create({
        model: 'claude-sonnet-4-6',
        max_tokens: 1_000,
        tools: [{ type, name, max_uses: 3 }],
        messages: [{ role: 'user', content: 'What changed this week?' }],
      });
      expect(answer.content.map((block) => block.type)).toEqual([
        'server_tool_use',
        `${name}_tool_result`,
        'text',
      ]);
      expect(answer.stop_reason).toBe('end_turn');
      expect(answer.usage.server_tool_use).toEqual({
        web_search_requests: field === 'web_search_requests' ? 1 : 0,
        web_fetch_requests: field === 'web_fetch_requests' ? 1 : 0,
      });
      const [line] = simulator.invoice().lines;
      if (line === undefined) throw new Error('no invoice line');
      const tools = {
        webSearchRequests: answer.usage.server_tool_use?.web_search_requests ?? 0,
        webFetchRequests: answer.usage.server_tool_use?.web_fetch_requests ?? 0,
      };
      expect(line.serverToolUse).toEqual(tools);
      expect(line.serverToolCost).toBe(price);
      expect(serverToolCost(tools)).toBe(price);
      // The pages it read are input: the prompt alone is far smaller.
      expect(answer.usage.input_tokens).toBeGreaterThan(500);
      expect(line.cost).toBe(
        cost(
          createUsage({ input: answer.usage.input_tokens, output: answer.usage.output_tokens }),
          'claude-sonnet-4-6',
        ) + price,
      );

      // The client sends the whole turn back; the results are billed as input again.
      const again = await create({
        model: 'claude-sonnet-4-6',
        max_tokens: 1_000,
        tools: [{ type, name }],
        tool_choice: { type: 'none' },
        messages: [
          { role: 'user', content: 'What changed this week?' },
          { role: 'assistant', content: answer.content },
          { role: 'user', content: 'Thanks. Summarize.' },
        ],
      });
      expect(again.usage.server_tool_use).toBeNull();
      expect(again.usage.input_tokens).toBeGreaterThan(answer.usage.input_tokens);
    },
  );

  it('streams a search: the call as input_json_delta, the result whole, the count in message_delta', async () => {
    const { post, simulator } = await start();
    const response = await post('/v1/messages', {
      model: 'claude-sonnet-4-6',
      max_tokens: 1_000,
      stream: true,
      tools: [{ type: 'web_search_20250305', name: 'web_search' }],
      tool_choice: { type: 'any' },
      messages: [{ role: 'user', content: 'Search.' }],
    });
    const events = parseServerSentEvents(await response.text());
    const result = events.find(
      (event) =>
        event.event === 'content_block_start' &&
        (event.data['content_block'] as Block).type === 'web_search_tool_result',
    );
    expect(
      (result?.data['content_block'] as { content: unknown[] }).content.length,
    ).toBeGreaterThan(2);
    const usage = events.find((event) => event.event === 'message_delta')?.data['usage'] as Usage;
    expect(usage.server_tool_use).toEqual({ web_search_requests: 1, web_fetch_requests: 0 });
    expect(simulator.invoice().total).toBe(
      cost(simulator.invoice().lines[0]?.usage ?? createUsage(), 'claude-sonnet-4-6') + 10_000_000,
    );
  });
});
