import type Anthropic from '@anthropic-ai/sdk';
import { BadRequestError } from '@anthropic-ai/sdk';
import { cost, createUsage } from '@bursar/core/pricing';
import { afterEach, describe, expect, it } from 'vitest';
import {
  countPrefixBeforeMessages,
  countPrompt,
  longText,
  type PromptParams,
} from './support/prompt-text';
import { promptUsage, promptUsageOf } from './support/prompt-usage';
import { closeSimulators, startSimulator } from './support/start-simulator';
import { usageFromWire } from './support/wire-usage';

// claude-sonnet-4-6 caches prefixes of 1,024 tokens or more; 100 sentences
// are about 1,400 tokens, so the system alone is cacheable.
const model = 'claude-sonnet-4-6';
const system = longText('system', 100);
const ephemeral = { type: 'ephemeral' } as const;

afterEach(closeSimulators);

function startZeroLatency() {
  return startSimulator({ latency: { mode: 'zero' } });
}

function text(
  value: string,
  cacheControl?: Anthropic.CacheControlEphemeral,
): Anthropic.TextBlockParam {
  return cacheControl === undefined
    ? { type: 'text', text: value }
    : { type: 'text', text: value, cache_control: cacheControl };
}

async function create(client: Anthropic, params: PromptParams): Promise<Anthropic.Message> {
  return client.messages.create({ ...params, max_tokens: 64 });
}

describe('prompt caching: writes and reads', () => {
  it('writes the prefix once, then reads it; input is the part after the breakpoint', async () => {
    const { client, simulator } = await startZeroLatency();
    const params: PromptParams = {
      model,
      system: [text(system, ephemeral)],
      messages: [{ role: 'user', content: 'Which invoices are overdue this week?' }],
    };
    const prefix = await countPrefixBeforeMessages(client, { model, system: params.system });
    const total = await countPrompt(client, params);
    expect(prefix).toBeGreaterThanOrEqual(1024);

    const first = await create(client, params);
    expect(promptUsageOf(first.usage)).toEqual(
      promptUsage({ write5m: prefix, input: total - prefix }),
    );
    const second = await create(client, params);
    expect(promptUsageOf(second.usage)).toEqual(
      promptUsage({ read: prefix, input: total - prefix }),
    );

    // The invoice prices the same classes with @bursar/core/pricing.
    const expectedFirst = cost(
      createUsage({
        cacheWrite5m: prefix,
        input: total - prefix,
        output: first.usage.output_tokens,
      }),
      model,
    );
    const expectedSecond = cost(
      createUsage({ cacheRead: prefix, input: total - prefix, output: second.usage.output_tokens }),
      model,
    );
    const invoice = simulator.invoice();
    expect(invoice.lines.map((line) => [line.id, line.cost])).toEqual([
      [first.id, expectedFirst],
      [second.id, expectedSecond],
    ]);
    expect(invoice.total).toBe(expectedFirst + expectedSecond);
    // A read costs a tenth of input, a 5-minute write 1.25 times: the read is cheaper.
    expect(expectedSecond).toBeLessThan(expectedFirst);
  });

  it('bills each segment at the TTL of the breakpoint that ends it (1h system, 5m messages)', async () => {
    const { client, simulator } = await startZeroLatency();
    const params: PromptParams = {
      model,
      system: [text(system, { type: 'ephemeral', ttl: '1h' })],
      messages: [
        {
          role: 'user',
          content: [text(longText('question', 10), { type: 'ephemeral', ttl: '5m' })],
        },
      ],
    };
    const prefix = await countPrefixBeforeMessages(client, { model, system: params.system });
    const total = await countPrompt(client, params);

    const message = await create(client, params);
    expect(promptUsageOf(message.usage)).toEqual(
      promptUsage({ write1h: prefix, write5m: total - prefix }),
    );
    expect(message.usage.cache_creation_input_tokens).toBe(total);

    const [line] = simulator.invoice().lines;
    expect(line?.usage).toEqual(
      createUsage({
        cacheWrite1h: prefix,
        cacheWrite5m: total - prefix,
        output: message.usage.output_tokens,
      }),
    );
    expect(line?.cost).toBe(cost(usageFromWire(message.usage), model));
  });

  it('on a longer conversation reads the old prefix and writes only the part past it', async () => {
    const { client } = await startZeroLatency();
    const firstTurn: Anthropic.MessageParam[] = [
      { role: 'user', content: [text('Summarise the open invoices.', ephemeral)] },
    ];
    const firstParams: PromptParams = {
      model,
      system: [text(system, ephemeral)],
      messages: firstTurn,
    };
    const secondParams: PromptParams = {
      model,
      system: [text(system, ephemeral)],
      messages: [
        { role: 'user', content: [text('Summarise the open invoices.')] },
        { role: 'assistant', content: 'Three invoices are open; two are overdue.' },
        { role: 'user', content: [text('Which two are overdue?', ephemeral)] },
      ],
    };
    const prefix = await countPrefixBeforeMessages(client, { model, system: firstParams.system });
    const firstTotal = await countPrompt(client, firstParams);
    const secondTotal = await countPrompt(client, secondParams);

    const first = await create(client, firstParams);
    // Two breakpoints: the system segment and the message segment, both 5m.
    expect(promptUsageOf(first.usage)).toEqual(promptUsage({ write5m: firstTotal }));
    expect(firstTotal).toBeGreaterThan(prefix);

    const second = await create(client, secondParams);
    expect(promptUsageOf(second.usage)).toEqual(
      promptUsage({ read: firstTotal, write5m: secondTotal - firstTotal }),
    );
  });

  it('puts the top-level cache_control breakpoint on the last block, and counts it among the 4', async () => {
    const { client } = await startZeroLatency();
    const turn: Anthropic.MessageParam[] = [{ role: 'user', content: longText('brief', 90) }];
    const firstParams: PromptParams = { model, system, messages: turn, cache_control: ephemeral };
    const secondParams: PromptParams = {
      model,
      system,
      messages: [
        ...turn,
        { role: 'assistant', content: 'Noted.' },
        { role: 'user', content: 'Now list the overdue ones.' },
      ],
      cache_control: ephemeral,
    };
    const firstTotal = await countPrompt(client, firstParams);
    const secondTotal = await countPrompt(client, secondParams);

    const first = await create(client, firstParams);
    expect(promptUsageOf(first.usage)).toEqual(promptUsage({ write5m: firstTotal }));
    const second = await create(client, secondParams);
    expect(promptUsageOf(second.usage)).toEqual(
      promptUsage({ read: firstTotal, write5m: secondTotal - firstTotal }),
    );

    // Four block breakpoints plus the top-level one make five: a 400.
    const tooMany = client.messages.create({
      model,
      max_tokens: 16,
      system: [text('a', ephemeral), text('b', ephemeral), text('c', ephemeral)],
      messages: [{ role: 'user', content: [text('d', ephemeral)] }],
      cache_control: ephemeral,
    });
    await expect(tooMany).rejects.toBeInstanceOf(BadRequestError);
  });

  it('keeps API keys apart: another key neither reads nor shares the entry', async () => {
    const { client, createClient } = await startZeroLatency();
    const otherClient = createClient({ apiKey: 'other-key' });
    const params: PromptParams = {
      model,
      system: [text(system, ephemeral)],
      messages: [{ role: 'user', content: 'Hello' }],
    };
    const prefix = await countPrefixBeforeMessages(client, { model, system: params.system });
    const total = await countPrompt(client, params);

    const first = await create(client, params);
    expect(promptUsageOf(first.usage)).toEqual(
      promptUsage({ write5m: prefix, input: total - prefix }),
    );
    const other = await create(otherClient, params);
    expect(promptUsageOf(other.usage)).toEqual(
      promptUsage({ write5m: prefix, input: total - prefix }),
    );
    const again = await create(client, params);
    expect(promptUsageOf(again.usage)).toEqual(
      promptUsage({ read: prefix, input: total - prefix }),
    );
  });
});

describe('prompt caching: minimum cacheable length', () => {
  /**
   * Two texts in a cacheable user block: one whose prompt is one token under
   * `minimum` and one at exactly `minimum`. Sentences get close; single words
   * then step a token at a time.
   */
  async function textsAround(client: Anthropic, modelId: string, minimum: number) {
    const paramsOf = (body: string): PromptParams => ({
      model: modelId,
      messages: [{ role: 'user', content: [text(body, ephemeral)] }],
    });
    const count = (body: string) => countPrompt(client, paramsOf(body));
    let low = 0;
    let high = 2000;
    // Largest number of sentences still under the minimum.
    while (high - low > 1) {
      const middle = Math.floor((low + high) / 2);
      if ((await count(longText('minimum', middle))) < minimum) low = middle;
      else high = middle;
    }
    let under = longText('minimum', low);
    let underTokens = await count(under);
    for (;;) {
      const next = `${under} note`;
      const nextTokens = await count(next);
      if (nextTokens >= minimum) {
        return { under, underTokens, over: next, overTokens: nextTokens, paramsOf };
      }
      under = next;
      underTokens = nextTokens;
    }
  }

  it.each([
    { modelId: 'claude-sonnet-4-6', minimum: 1024 },
    { modelId: 'claude-opus-4-7', minimum: 2048 },
    { modelId: 'claude-haiku-4-5', minimum: 4096 },
    { modelId: 'claude-sonnet-5-5', minimum: 512 },
  ])(
    '$modelId: $minimum - 1 tokens are neither written nor read; $minimum tokens are written',
    async ({ modelId, minimum }) => {
      const { client } = await startZeroLatency();
      const { under, underTokens, over, overTokens, paramsOf } = await textsAround(
        client,
        modelId,
        minimum,
      );
      expect(underTokens).toBe(minimum - 1);
      expect(overTokens).toBe(minimum);

      const short = paramsOf(under);
      const firstShort = await create(client, short);
      expect(promptUsageOf(firstShort.usage)).toEqual(promptUsage({ input: underTokens }));
      const secondShort = await create(client, short);
      expect(promptUsageOf(secondShort.usage)).toEqual(promptUsage({ input: underTokens }));

      const long = paramsOf(over);
      const firstLong = await create(client, long);
      expect(promptUsageOf(firstLong.usage)).toEqual(promptUsage({ write5m: overTokens }));
      const secondLong = await create(client, long);
      expect(promptUsageOf(secondLong.usage)).toEqual(promptUsage({ read: overTokens }));
    },
  );
});

describe('prompt caching: the 20-block lookback', () => {
  const question: Anthropic.MessageParam = {
    role: 'user',
    content: [text('Start the audit of the quarter.', ephemeral)],
  };
  const opening: PromptParams = { model, system, messages: [question] };

  /** The opening, then `count` short text blocks, the last one a breakpoint. */
  function withTextBlocks(count: number): PromptParams {
    const blocks = Array.from({ length: count }, (_, index) =>
      text(`Finding ${index}: totals match.`, index === count - 1 ? ephemeral : undefined),
    );
    return {
      model,
      system,
      messages: [
        { role: 'user', content: [text('Start the audit of the quarter.')] },
        { role: 'assistant', content: 'Auditing.' },
        { role: 'user', content: blocks },
      ],
    };
  }

  // Positions: system 0, the opening's block 1, the assistant's 2, then the
  // new blocks 3 onward. The breakpoint on the last of n new blocks sits
  // n + 1 positions after the cached entry.
  it('finds the entry from a breakpoint 19 positions later', async () => {
    const { client } = await startZeroLatency();
    const openingTotal = await countPrompt(client, opening);
    const later = withTextBlocks(18);
    const laterTotal = await countPrompt(client, later);

    expect(promptUsageOf((await create(client, opening)).usage)).toEqual(
      promptUsage({ write5m: openingTotal }),
    );
    expect(promptUsageOf((await create(client, later)).usage)).toEqual(
      promptUsage({ read: openingTotal, write5m: laterTotal - openingTotal }),
    );
  });

  it('misses the entry from a breakpoint 21 positions later and writes the whole prefix', async () => {
    const { client } = await startZeroLatency();
    const openingTotal = await countPrompt(client, opening);
    const later = withTextBlocks(20);
    const laterTotal = await countPrompt(client, later);

    await create(client, opening);
    expect(promptUsageOf((await create(client, later)).usage)).toEqual(
      promptUsage({ write5m: laterTotal }),
    );
    expect(laterTotal).toBeGreaterThan(openingTotal);
  });

  it('counts a run of tool_use and tool_result blocks as one position', async () => {
    const { client } = await startZeroLatency();
    const calls = 25;
    const toolUses: Anthropic.ToolUseBlockParam[] = Array.from({ length: calls }, (_, index) => ({
      type: 'tool_use',
      id: `toolu_${index}`,
      name: 'read_ledger',
      input: { page: index },
    }));
    const toolResults: Anthropic.ToolResultBlockParam[] = Array.from(
      { length: calls },
      (_, index) => ({
        type: 'tool_result',
        tool_use_id: `toolu_${index}`,
        content: `Page ${index} balances.`,
        ...(index === calls - 1 ? { cache_control: ephemeral } : {}),
      }),
    );
    const tools: Anthropic.Tool[] = [
      {
        name: 'read_ledger',
        input_schema: { type: 'object', properties: { page: { type: 'integer' } } },
      },
    ];
    const openingWithTools: PromptParams = { ...opening, tools };
    // 50 blocks after the entry, but one position: well inside the lookback.
    const later: PromptParams = {
      model,
      system,
      tools,
      messages: [
        { role: 'user', content: [text('Start the audit of the quarter.')] },
        { role: 'assistant', content: toolUses },
        { role: 'user', content: toolResults },
      ],
    };
    const openingTotal = await countPrompt(client, openingWithTools);
    const laterTotal = await countPrompt(client, later);

    await create(client, openingWithTools);
    expect(promptUsageOf((await create(client, later)).usage)).toEqual(
      promptUsage({ read: openingTotal, write5m: laterTotal - openingTotal }),
    );
  });
});

describe('prompt caching: pre-warming with max_tokens 0', () => {
  const params: PromptParams = {
    model,
    system,
    messages: [{ role: 'user', content: [text('Get ready for questions.', ephemeral)] }],
  };

  it('returns no content, stops on max_tokens and bills only the write', async () => {
    const { client, simulator } = await startZeroLatency();
    const total = await countPrompt(client, params);

    const warm = await client.messages.create({ ...params, max_tokens: 0 });
    expect(warm.content).toEqual([]);
    expect(warm.stop_reason).toBe('max_tokens');
    expect(warm.usage.output_tokens).toBe(0);
    expect(promptUsageOf(warm.usage)).toEqual(promptUsage({ write5m: total }));

    const invoice = simulator.invoice();
    expect(invoice.lines).toHaveLength(1);
    expect(invoice.lines[0]?.usage).toEqual(createUsage({ cacheWrite5m: total }));
    expect(invoice.total).toBe(cost(createUsage({ cacheWrite5m: total }), model));

    // The real request that follows reads what the pre-warm wrote.
    const answer = await create(client, params);
    expect(promptUsageOf(answer.usage)).toEqual(promptUsage({ read: total }));
  });

  it.each<{ name: string; extra: Partial<Anthropic.MessageCreateParamsNonStreaming> }>([
    {
      name: 'a forced tool_choice',
      extra: {
        tools: [{ name: 'noop', input_schema: { type: 'object' } }],
        tool_choice: { type: 'any' },
      },
    },
    { name: 'extended thinking', extra: { thinking: { type: 'enabled', budget_tokens: 1024 } } },
    {
      name: 'structured output',
      extra: {
        output_config: { format: { type: 'json_schema', schema: { type: 'object' } } },
      },
    },
  ])('is refused with $name (400)', async ({ extra }) => {
    const { client, simulator } = await startZeroLatency();
    const attempt = client.messages.create({ ...params, ...extra, max_tokens: 0 });
    await expect(attempt).rejects.toBeInstanceOf(BadRequestError);
    expect(simulator.invoice().lines).toEqual([]);
  });

  it('is refused with streaming (400) and bills nothing', async () => {
    const { client, simulator } = await startZeroLatency();
    const attempt = client.messages.create({ ...params, max_tokens: 0, stream: true });
    await expect(attempt).rejects.toBeInstanceOf(BadRequestError);
    await expect(attempt).rejects.toMatchObject({ status: 400, type: 'invalid_request_error' });
    expect(simulator.invoice().lines).toEqual([]);
  });
});
