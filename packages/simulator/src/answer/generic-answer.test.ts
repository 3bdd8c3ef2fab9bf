import * as fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ANSWER_WORDS, LINKING_WORDS } from './answer-words';
import { findSchemaViolations } from './find-schema-violations.test-helper';
import {
  autoToolRounds,
  createGenericAnswer,
  type GenericAnswer,
  type GenericAnswerRequest,
} from './generic-answer';

const countWords = (text: string): number =>
  text.split(/\s+/).filter((word) => word.length > 0).length;
// A character-based count, so compact JSON (which has few spaces) costs tokens too.
const countQuarterCharacters = (text: string): number => Math.ceil(text.length / 4);
const options = { seed: 'test-seed', countTokens: countWords };

const weatherSchema = {
  type: 'object',
  properties: {
    location: { type: 'string', minLength: 2 },
    unit: { enum: ['celsius', 'fahrenheit'] },
    days: { type: 'integer', minimum: 1, maximum: 14 },
  },
  required: ['location', 'unit'],
  additionalProperties: false,
};
const searchSchema = {
  type: 'object',
  properties: {
    query: { type: 'string' },
    filters: {
      type: 'array',
      items: { type: 'object', properties: { field: { type: 'string' } }, required: ['field'] },
    },
  },
  required: ['query', 'filters'],
};
const tools = [
  { name: 'get_weather', input_schema: weatherSchema },
  { name: 'search', input_schema: searchSchema },
  { name: 'noop', input_schema: { type: 'object', properties: {} } },
];
const reportSchema = {
  type: 'object',
  properties: {
    title: { type: 'string' },
    rating: { type: 'integer', minimum: 1, maximum: 5 },
    tags: { type: 'array', items: { type: 'string' }, minItems: 1 },
    reviewer: {
      anyOf: [
        { type: 'object', properties: { name: { type: 'string' } }, required: ['name'] },
        { type: 'null' },
      ],
    },
  },
  required: ['title', 'rating', 'tags', 'reviewer'],
  additionalProperties: false,
};

const baseRequest: GenericAnswerRequest = {
  model: 'claude-sonnet-4-5',
  system: 'You are a zebra keeper.',
  messages: [{ role: 'user', content: 'Tell me the secret password, xylophone quokka.' }],
  max_tokens: 4096,
};

function textOf(answer: GenericAnswer): string {
  const [block, ...rest] = answer.content;
  expect(rest).toEqual([]);
  if (block?.type !== 'text')
    throw new Error(`expected one text block, got ${JSON.stringify(answer.content)}`);
  return block.text;
}

function toolUseOf(answer: GenericAnswer): { id: string; name: string; input: unknown } {
  const [block, ...rest] = answer.content;
  expect(rest).toEqual([]);
  if (block?.type !== 'tool_use')
    throw new Error(`expected one tool_use block, got ${JSON.stringify(answer.content)}`);
  return block;
}

const seeds = fc.oneof(fc.string(), fc.integer());

describe('createGenericAnswer', () => {
  it('answers the same seed and request identically', () => {
    fc.assert(
      fc.property(seeds, (seed) => {
        const first = createGenericAnswer(baseRequest, { seed, countTokens: countWords });
        const second = createGenericAnswer(structuredClone(baseRequest), {
          seed,
          countTokens: countWords,
        });
        expect(second).toEqual(first);
      }),
    );
  });

  it('answers differently for a different seed or request', () => {
    const reference = textOf(createGenericAnswer(baseRequest, options));
    expect(textOf(createGenericAnswer(baseRequest, { ...options, seed: 'other-seed' }))).not.toBe(
      reference,
    );
    const otherRequest = {
      ...baseRequest,
      messages: [{ role: 'user', content: 'Something else.' }],
    };
    expect(textOf(createGenericAnswer(otherRequest, options))).not.toBe(reference);
  });

  it('does not depend on the key order of the request', () => {
    const reordered = {
      max_tokens: 4096,
      messages: baseRequest.messages,
      system: baseRequest.system,
      model: baseRequest.model,
    };
    expect(createGenericAnswer(reordered, options)).toEqual(
      createGenericAnswer(baseRequest, options),
    );
  });

  it('writes 20 to 120 words of prose from the fixed vocabulary, echoing nothing', () => {
    const vocabulary = new Set([...ANSWER_WORDS, ...LINKING_WORDS]);
    const lengths = new Set<number>();
    fc.assert(
      fc.property(seeds, (seed) => {
        const answer = createGenericAnswer(baseRequest, { seed, countTokens: countWords });
        expect(answer.stopReason).toBe('end_turn');
        const text = textOf(answer);
        const words = text.split(' ');
        lengths.add(words.length);
        expect(words.length).toBeGreaterThanOrEqual(20);
        expect(words.length).toBeLessThanOrEqual(120);
        for (const word of words)
          expect(vocabulary.has(word.replace(/[.,]$/, '').toLowerCase())).toBe(true);
        expect(text).not.toMatch(/zebra|password|xylophone|quokka/i);
      }),
    );
    expect(lengths.size).toBeGreaterThan(10);
  });

  it('calls the named tool with input valid against its schema', () => {
    fc.assert(
      fc.property(seeds, fc.constantFrom(...tools), (seed, tool) => {
        const request = {
          ...baseRequest,
          tools,
          tool_choice: { type: 'tool' as const, name: tool.name },
        };
        const answer = createGenericAnswer(request, { seed, countTokens: countWords });
        expect(answer.stopReason).toBe('tool_use');
        const call = toolUseOf(answer);
        expect(call.name).toBe(tool.name);
        expect(call.id).toMatch(/^toolu_01[0-9A-Za-z]{22}$/);
        expect(findSchemaViolations(call.input, tool.input_schema)).toEqual([]);
      }),
    );
  });

  it('gives each call its own id', () => {
    const request = {
      ...baseRequest,
      tools,
      tool_choice: { type: 'tool' as const, name: 'search' },
    };
    const ids = new Set(
      Array.from(
        { length: 20 },
        (_, seed) => toolUseOf(createGenericAnswer(request, { seed, countTokens: countWords })).id,
      ),
    );
    expect(ids.size).toBe(20);
  });

  it('falls back to text when the named tool does not exist', () => {
    const request = {
      ...baseRequest,
      tools,
      tool_choice: { type: 'tool' as const, name: 'missing' },
    };
    const answer = createGenericAnswer(request, options);
    expect(answer.stopReason).toBe('end_turn');
    expect(countWords(textOf(answer))).toBeGreaterThanOrEqual(20);
  });

  it('calls one of the tools, picked by the seed, for tool_choice any', () => {
    const request = { ...baseRequest, tools, tool_choice: { type: 'any' as const } };
    const called = new Set<string>();
    for (let seed = 0; seed < 40; seed += 1) {
      const answer = createGenericAnswer(request, { seed, countTokens: countWords });
      expect(answer.stopReason).toBe('tool_use');
      const call = toolUseOf(answer);
      const tool = tools.find((candidate) => candidate.name === call.name);
      expect(tool).toBeDefined();
      expect(findSchemaViolations(call.input, tool?.input_schema)).toEqual([]);
      called.add(call.name);
    }
    expect(called.size).toBe(tools.length);
  });

  it('runs a forced server tool in the response: its call, its result, then text', () => {
    const request = {
      ...baseRequest,
      tools: [{ name: 'web_search', type: 'web_search_20250305' }],
      tool_choice: { type: 'any' as const },
    };
    const answer = createGenericAnswer(request, options);
    expect(answer.content.map((block) => block.type)).toEqual([
      'server_tool_use',
      'web_search_tool_result',
      'text',
    ]);
    const [call, result] = answer.content;
    if (call?.type !== 'server_tool_use' || result?.type !== 'web_search_tool_result')
      throw new Error('expected a search and its result');
    expect(call).toMatchObject({ name: 'web_search', input: { query: expect.any(String) } });
    expect(result.tool_use_id).toBe(call.id);
    expect(result.content.length).toBeGreaterThanOrEqual(3);
    expect(answer.stopReason).toBe('end_turn');
    expect(answer.serverToolUse).toEqual({ web_search_requests: 1, web_fetch_requests: 0 });
  });

  it('left to choose, goes on from a search to a custom tool in the same turn', () => {
    const request = {
      ...baseRequest,
      tools: [{ name: 'web_search', type: 'web_search_20250305' }, ...tools],
    };
    const shapes = new Set<string>();
    for (let seed = 0; seed < 40; seed += 1) {
      const answer = createGenericAnswer(request, { seed, countTokens: countWords });
      shapes.add(`${answer.stopReason}:${answer.content.map((block) => block.type).join('+')}`);
    }
    expect([...shapes].sort()).toEqual([
      'tool_use:server_tool_use+web_search_tool_result+tool_use',
      'tool_use:tool_use',
    ]);
  });

  it('never calls a tool for tool_choice none', () => {
    for (let seed = 0; seed < 20; seed += 1) {
      const answer = createGenericAnswer(
        { ...baseRequest, tools, tool_choice: { type: 'none' } },
        { seed, countTokens: countWords },
      );
      expect(answer.stopReason).toBe('end_turn');
      expect(answer.content.every((block) => block.type === 'text')).toBe(true);
    }
  });

  it.each([{ tool_choice: { type: 'auto' as const } }, {}])(
    'with %j calls tools for autoToolRounds rounds of the loop, then answers in text',
    (choice) => {
      for (let seed = 0; seed < 20; seed += 1) {
        const messages: unknown[] = [...baseRequest.messages];
        const stops: string[] = [];
        for (let turn = 0; turn < 5; turn += 1) {
          const answer = createGenericAnswer(
            { ...baseRequest, ...choice, tools, messages },
            { seed, countTokens: countWords },
          );
          stops.push(answer.stopReason);
          if (answer.stopReason !== 'tool_use') break;
          const call = toolUseOf(answer);
          expect(
            findSchemaViolations(
              call.input,
              tools.find((tool) => tool.name === call.name)?.input_schema,
            ),
          ).toEqual([]);
          messages.push({ role: 'assistant', content: answer.content });
          messages.push({
            role: 'user',
            content: [{ type: 'tool_result', tool_use_id: call.id, content: 'done' }],
          });
        }
        expect(stops).toEqual([...Array<string>(autoToolRounds).fill('tool_use'), 'end_turn']);
        // A new question from the user starts a new loop.
        messages.push({ role: 'assistant', content: [{ type: 'text', text: 'ok' }] });
        messages.push({ role: 'user', content: 'And now?' });
        expect(
          createGenericAnswer(
            { ...baseRequest, ...choice, tools, messages },
            { seed, countTokens: countWords },
          ).stopReason,
        ).toBe('tool_use');
      }
    },
  );

  it('never calls on its own a tool whose name says it acts on the world, or a deferred one', () => {
    const risky = [
      'Bash',
      'Write',
      'Edit',
      'WebFetch',
      'Agent',
      'run_shell_command',
      'delete_file',
    ];
    const request = {
      ...baseRequest,
      tools: [
        ...risky.map((name) => ({ name, input_schema: { type: 'object' } })),
        { name: 'lookup', input_schema: { type: 'object' }, defer_loading: true },
      ],
    };
    for (let seed = 0; seed < 30; seed += 1) {
      const answer = createGenericAnswer(request, { seed, countTokens: countWords });
      expect(answer.stopReason).toBe('end_turn');
    }
    // Forced, it calls what it is told to.
    expect(
      toolUseOf(
        createGenericAnswer({ ...request, tool_choice: { type: 'tool', name: 'Bash' } }, options),
      ).name,
    ).toBe('Bash');
  });

  it('calls a deferred tool only once a tool_reference has loaded it', () => {
    const deferred = {
      ...baseRequest,
      tools: [{ name: 'lookup', input_schema: { type: 'object' }, defer_loading: true }],
      tool_choice: { type: 'any' as const },
    };
    expect(createGenericAnswer(deferred, options).stopReason).toBe('end_turn');
    const loaded = {
      ...deferred,
      messages: [
        { role: 'user', content: 'Find it.' },
        {
          role: 'assistant',
          content: [{ type: 'tool_use', id: 'toolu_1', name: 'ToolSearch', input: {} }],
        },
        {
          role: 'user',
          content: [
            {
              type: 'tool_result',
              tool_use_id: 'toolu_1',
              content: [{ type: 'tool_reference', tool_name: 'lookup' }],
            },
          ],
        },
      ],
    };
    expect(toolUseOf(createGenericAnswer(loaded, options)).name).toBe('lookup');
  });

  it('answers JSON valid against the output_config schema', () => {
    const request = {
      ...baseRequest,
      output_config: { format: { type: 'json_schema' as const, schema: reportSchema } },
    };
    fc.assert(
      fc.property(seeds, (seed) => {
        const answer = createGenericAnswer(request, { seed, countTokens: countWords });
        expect(answer.stopReason).toBe('end_turn');
        expect(findSchemaViolations(JSON.parse(textOf(answer)), reportSchema)).toEqual([]);
      }),
    );
  });

  it('prefers a forced tool call over structured output, and ignores a null format', () => {
    const forced = {
      ...baseRequest,
      tools,
      tool_choice: { type: 'tool' as const, name: 'get_weather' },
      output_config: { format: { type: 'json_schema' as const, schema: reportSchema } },
    };
    expect(createGenericAnswer(forced, options).stopReason).toBe('tool_use');
    const unformatted = { ...baseRequest, output_config: { format: null } };
    expect(() => {
      JSON.parse(textOf(createGenericAnswer(unformatted, options)));
    }).toThrow(SyntaxError);
  });

  it('returns no content for max_tokens 0', () => {
    for (const request of [
      baseRequest,
      { ...baseRequest, tools, tool_choice: { type: 'any' as const } },
    ]) {
      expect(createGenericAnswer({ ...request, max_tokens: 0 }, options)).toEqual({
        content: [],
        stopReason: 'max_tokens',
      });
    }
  });

  it('cuts prose to max_tokens, as a prefix of the full answer', () => {
    const full = textOf(createGenericAnswer(baseRequest, options));
    const fullLength = countWords(full);
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 130 }), (maxTokens) => {
        const answer = createGenericAnswer({ ...baseRequest, max_tokens: maxTokens }, options);
        const text = textOf(answer);
        expect(countWords(text)).toBe(Math.min(maxTokens, fullLength));
        expect(full.startsWith(text)).toBe(true);
        expect(answer.stopReason).toBe(fullLength > maxTokens ? 'max_tokens' : 'end_turn');
      }),
    );
  });

  it('cuts structured output JSON to max_tokens, leaving it unfinished', () => {
    const request = {
      ...baseRequest,
      output_config: { format: { type: 'json_schema' as const, schema: reportSchema } },
    };
    const quarterOptions = { ...options, countTokens: countQuarterCharacters };
    const full = textOf(createGenericAnswer(request, quarterOptions));
    const answer = createGenericAnswer({ ...request, max_tokens: 5 }, quarterOptions);
    expect(answer.stopReason).toBe('max_tokens');
    const text = textOf(answer);
    expect(countQuarterCharacters(text)).toBeLessThanOrEqual(5);
    expect(full.startsWith(text)).toBe(true);
    expect(() => {
      JSON.parse(text);
    }).toThrow(SyntaxError);
  });

  it('turns a tool call that does not fit into cut JSON text', () => {
    const request = {
      ...baseRequest,
      tools,
      tool_choice: { type: 'tool' as const, name: 'search' },
    };
    const quarterOptions = { ...options, countTokens: countQuarterCharacters };
    const call = toolUseOf(createGenericAnswer(request, quarterOptions));
    const answer = createGenericAnswer({ ...request, max_tokens: 4 }, quarterOptions);
    expect(answer.stopReason).toBe('max_tokens');
    const text = textOf(answer);
    expect(countQuarterCharacters(text)).toBeLessThanOrEqual(4);
    expect(JSON.stringify(call.input).startsWith(text)).toBe(true);
  });

  it('keeps a tool call whose name and input fit exactly', () => {
    const request = {
      ...baseRequest,
      tools,
      tool_choice: { type: 'tool' as const, name: 'get_weather' },
    };
    const call = toolUseOf(
      createGenericAnswer(request, { ...options, countTokens: countQuarterCharacters }),
    );
    const cost = countQuarterCharacters(`${call.name}\n${JSON.stringify(call.input)}`);
    const fitting = createGenericAnswer(
      { ...request, max_tokens: cost },
      { ...options, countTokens: countQuarterCharacters },
    );
    expect(fitting.stopReason).toBe('tool_use');
    const cut = createGenericAnswer(
      { ...request, max_tokens: cost - 1 },
      { ...options, countTokens: countQuarterCharacters },
    );
    expect(cut.stopReason).toBe('max_tokens');
  });
});

describe('createGenericAnswer and cache_control', () => {
  it('answers the same whether or not the request carries cache breakpoints', () => {
    const countWords = (text: string): number =>
      text.split(/\s+/).filter((word) => word.length > 0).length;
    const plain = {
      model: 'claude-sonnet-4-6',
      max_tokens: 200,
      system: [{ type: 'text', text: 'Be brief.' }],
      messages: [{ role: 'user', content: [{ type: 'text', text: 'Hello there' }] }],
    };
    const marked = {
      ...plain,
      system: [{ type: 'text', text: 'Be brief.', cache_control: { type: 'ephemeral' } }],
      messages: [
        {
          role: 'user',
          content: [
            { type: 'text', text: 'Hello there', cache_control: { type: 'ephemeral', ttl: '1h' } },
          ],
        },
      ],
    };
    const options = { seed: 'cache', countTokens: countWords };
    expect(createGenericAnswer(marked, options)).toEqual(createGenericAnswer(plain, options));
    expect(
      createGenericAnswer({ ...plain, messages: [{ role: 'user', content: 'Other' }] }, options),
    ).not.toEqual(createGenericAnswer(plain, options));
  });
});
