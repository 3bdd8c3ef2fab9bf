import Anthropic from '@anthropic-ai/sdk';
import { afterEach, describe, expect, it } from 'vitest';
import { createSimulator, createWorkloadTools, parseWorkload, type Simulator } from '../src/index';
import { workloadInput } from './support/rivers-workload';

const workload = parseWorkload(workloadInput);
const task = workload.tasks[0];
if (task === undefined) throw new Error('no task');

let simulator: Simulator;
afterEach(async () => {
  await simulator.close();
});

async function start(): Promise<Anthropic> {
  simulator = createSimulator({ workloads: [workload], latency: { mode: 'zero' } });
  const { url } = await simulator.listen();
  return new Anthropic({ apiKey: 'workload-test', baseURL: url, maxRetries: 0 });
}

/**
 * A plain agent loop: call, run the tools the model asks for, repeat. `edit`
 * may rewrite the history before each request (to prune results).
 */
async function runAgent(
  client: Anthropic,
  model: string,
  edit: (messages: Anthropic.MessageParam[], turn: number) => void = () => undefined,
): Promise<{ text: string; turns: number; messages: Anthropic.MessageParam[] }> {
  const tools = createWorkloadTools(workload);
  const messages: Anthropic.MessageParam[] = [{ role: 'user', content: task?.prompt ?? '' }];
  for (let turn = 0; turn < 20; turn += 1) {
    edit(messages, turn);
    const response = await client.messages.create({
      model,
      max_tokens: 2_000,
      system: workload.systemPrompt,
      tools: [...tools.definitions],
      messages,
    });
    messages.push({ role: 'assistant', content: response.content });
    const calls = response.content.filter((block) => block.type === 'tool_use');
    if (calls.length === 0) {
      const text = response.content
        .map((block) => (block.type === 'text' ? block.text : ''))
        .join('');
      return { text, turns: turn + 1, messages };
    }
    messages.push({
      role: 'user',
      content: calls.map((call) => ({
        type: 'tool_result' as const,
        tool_use_id: call.id,
        content: tools.execute(call.name, call.input),
      })),
    });
  }
  throw new Error('the agent did not finish in 20 turns');
}

/** Replaces the content of every tool result in `messages` that `select` picks. */
function pruneResults(
  messages: Anthropic.MessageParam[],
  select: (index: number, total: number) => boolean,
): void {
  const results: Anthropic.ToolResultBlockParam[] = [];
  for (const message of messages) {
    if (typeof message.content === 'string') continue;
    for (const block of message.content) if (block.type === 'tool_result') results.push(block);
  }
  results.forEach((block, index) => {
    if (select(index, results.length)) block.content = '[pruned: re-fetch with the recall tool]';
  });
}

/** Every text block of `messages`, joined. */
function textsOf(messages: readonly Anthropic.MessageParam[]): string {
  const texts: string[] = [];
  for (const message of messages) {
    if (typeof message.content === 'string') texts.push(message.content);
    else for (const block of message.content) if (block.type === 'text') texts.push(block.text);
  }
  return texts.join(' ');
}

describe('the simulated model on a workload, through the SDK', () => {
  it('grades 1.0 with a capable model, lower with an under-tier one', async () => {
    const client = await start();
    const capable = await runAgent(client, 'claude-sonnet-4-6');
    expect(capable.turns).toBe(3);
    expect(simulator.grade(task.id, capable.text)).toMatchObject({ score: 1, missing: [] });

    const weak = await runAgent(client, 'claude-haiku-4-5');
    const grade = simulator.grade(task.id, weak.text);
    expect(grade.score).toBe(0.5);
    expect(grade.missing).toEqual(['the Amber flows through Kell']);
  });

  it('keeps the grade when a result is pruned after the model used it', async () => {
    const client = await start();
    // Before each request, prune every result the model has already answered after.
    const run = await runAgent(client, 'claude-sonnet-4-6', (messages) => {
      const answered = messages.filter((message) => message.role === 'assistant').length;
      pruneResults(messages, (index) => index < answered - 1);
    });
    expect(simulator.grade(task.id, run.text).score).toBe(1);
    // The restatement carried the fact past the pruned result.
    expect(textsOf(run.messages)).toContain(
      'Noted from search: Kell is the capital of Vostria; the Amber flows through Kell.',
    );
  });

  it('loses the fact when a result is dropped before the model saw it', async () => {
    const client = await start();
    const run = await runAgent(client, 'claude-sonnet-4-6', (messages, turn) => {
      // On the second request, drop the first result before it is read.
      if (turn === 1) pruneResults(messages, (index) => index === 0);
    });
    const grade = simulator.grade(task.id, run.text);
    expect(grade.score).toBe(0.5);
    expect(grade.missing).toEqual(['the Amber flows through Kell']);
  });

  it('keeps in a compaction summary the facts it was given, and no others (deprecated role line)', async () => {
    const client = await start();
    const tools = createWorkloadTools(workload);
    const seen = tools.execute('search', { query: 'capital of Palmeny and its river' });
    const summary = await client.messages.create({
      model: 'claude-haiku-4-5',
      max_tokens: 1_000,
      system: 'bursar-role: compact\nSummarize the conversation below, keeping every fact.',
      messages: [{ role: 'user', content: `${task.prompt}\n\nTranscript:\n${seen}` }],
    });
    const text = summary.content.map((block) => (block.type === 'text' ? block.text : '')).join('');
    expect(text).toContain('the Sile flows through Dorn');
    expect(text).not.toContain('the Amber flows through Kell');
  });

  it('answers triage and plan roles in JSON; a haiku plan comes out malformed (deprecated role line)', async () => {
    const client = await start();
    const ask = async (model: string, role: string) => {
      const response = await client.messages.create({
        model,
        max_tokens: 1_000,
        system: `bursar-role: ${role}`,
        messages: [{ role: 'user', content: task.prompt }],
      });
      return response.content.map((block) => (block.type === 'text' ? block.text : '')).join('');
    };
    expect(JSON.parse(await ask('claude-haiku-4-5', 'triage'))).toEqual({
      size: 'small',
      parallelizable: true,
      subtasks: 2,
      shape: 'parallel',
    });
    const plan = JSON.parse(await ask('claude-sonnet-4-6', 'plan')) as {
      subtasks: { id: string }[];
    };
    expect(plan.subtasks.map((subtask) => subtask.id)).toEqual(['vostria', 'palmeny']);
    const brokenPlan = await ask('claude-haiku-4-5', 'plan');
    expect(() => JSON.parse(brokenPlan) as unknown).toThrow(SyntaxError);
  });

  it('takes the role from the x-bursar-agent-role header, with no role line in the prompt', async () => {
    const client = await start();
    const ask = async (model: string, headers: Record<string, string>, system?: string) => {
      const response = await client.messages.create(
        {
          model,
          max_tokens: 1_000,
          ...(system === undefined ? {} : { system }),
          messages: [{ role: 'user', content: task.prompt }],
        },
        { headers },
      );
      return response.content.map((block) => (block.type === 'text' ? block.text : '')).join('');
    };
    const triage = { size: 'small', parallelizable: true, subtasks: 2, shape: 'parallel' };
    expect(JSON.parse(await ask('claude-haiku-4-5', { 'x-bursar-agent-role': 'triage' }))).toEqual(
      triage,
    );
    const plan = JSON.parse(
      await ask('claude-sonnet-4-6', {
        'x-bursar-agent-id': 'plan',
        'x-bursar-agent-role': 'plan',
      }),
    ) as { subtasks: { id: string }[] };
    expect(plan.subtasks.map((subtask) => subtask.id)).toEqual(['vostria', 'palmeny']);
    // The header wins over a (deprecated) line that says otherwise.
    expect(
      JSON.parse(
        await ask('claude-haiku-4-5', { 'x-bursar-agent-role': 'triage' }, 'bursar-role: plan'),
      ),
    ).toEqual(triage);
    // Without either, the same request is an agent working the task: a tool call.
    const agent = await client.messages.create({
      model: 'claude-sonnet-4-6',
      max_tokens: 1_000,
      tools: [...createWorkloadTools(workload).definitions],
      messages: [{ role: 'user', content: task.prompt }],
    });
    expect(agent.stop_reason).toBe('tool_use');
  });

  it('summarizes for a compact caller named by the header', async () => {
    const client = await start();
    const seen = createWorkloadTools(workload).execute('search', {
      query: 'capital of Palmeny and its river',
    });
    const summary = await client.messages.create(
      {
        model: 'claude-haiku-4-5',
        max_tokens: 1_000,
        system: 'Summarize the conversation below, keeping every fact.',
        messages: [{ role: 'user', content: `${task.prompt}\n\nTranscript:\n${seen}` }],
      },
      { headers: { 'x-bursar-agent-role': 'compact', 'x-bursar-agent-id': 'single' } },
    );
    const text = summary.content.map((block) => (block.type === 'text' ? block.text : '')).join('');
    expect(text).toMatch(/^Summary of the work so far/);
    expect(text).toContain('the Sile flows through Dorn');
  });

  it("works the step a subagent's x-bursar-subtask names, its id URI-encoded", async () => {
    const client = await start();
    const tools = createWorkloadTools(workload);
    // The task's prompt alone would make it work the whole task (vostria first).
    const first = await client.messages.create(
      {
        model: 'claude-haiku-4-5',
        max_tokens: 500,
        tools: [...tools.definitions],
        messages: [{ role: 'user', content: task.prompt }],
      },
      {
        headers: {
          'x-bursar-agent-id': encodeURIComponent('subagent:palmeny'),
          'x-bursar-agent-role': 'subagent',
          'x-bursar-subtask': 'palmeny',
        },
      },
    );
    expect(first.content.find((block) => block.type === 'tool_use')).toMatchObject({
      name: 'search',
      input: { query: 'capital of Palmeny and its river' },
    });
  });

  it('refuses an agent header that is not URI-encoded, naming it', async () => {
    const client = await start();
    const refused = await client.messages
      .create(
        { model: 'claude-haiku-4-5', max_tokens: 50, messages: [{ role: 'user', content: 'Hi' }] },
        { headers: { 'x-bursar-agent-id': 'subagent%' } },
      )
      .catch((caught: unknown) => caught);
    expect(refused).toBeInstanceOf(Anthropic.BadRequestError);
    expect((refused as InstanceType<typeof Anthropic.BadRequestError>).error).toMatchObject({
      error: {
        message:
          'x-bursar-agent-id: expected a URI-encoded value (encodeURIComponent), got "subagent%"',
      },
    });
  });

  it('works a single step as a subagent, by its question', async () => {
    const client = await start();
    const tools = createWorkloadTools(workload);
    const step = task.steps[1];
    const messages: Anthropic.MessageParam[] = [{ role: 'user', content: step?.question ?? '' }];
    const first = await client.messages.create({
      model: 'claude-haiku-4-5',
      max_tokens: 500,
      tools: [...tools.definitions],
      messages,
    });
    const call = first.content.find((block) => block.type === 'tool_use');
    expect(call).toMatchObject({
      name: 'search',
      input: { query: 'capital of Palmeny and its river' },
    });
    if (call?.type !== 'tool_use') return;
    messages.push({ role: 'assistant', content: first.content });
    messages.push({
      role: 'user',
      content: [
        {
          type: 'tool_result',
          tool_use_id: call.id,
          content: tools.execute(call.name, call.input),
        },
      ],
    });
    const answer = await client.messages.create({
      model: 'claude-haiku-4-5',
      max_tokens: 500,
      tools: [...tools.definitions],
      messages,
    });
    expect(answer.stop_reason).toBe('end_turn');
    expect(
      answer.content.map((block) => (block.type === 'text' ? block.text : '')).join(''),
    ).toContain('the Sile flows through Dorn');
  });

  it('leaves requests it does not recognize to the generic answer, and grades over /_sim/grade', async () => {
    const client = await start();
    const other = await client.messages.create({
      model: 'claude-haiku-4-5',
      max_tokens: 50,
      messages: [{ role: 'user', content: 'Hello there' }],
    });
    expect(other.content[0]?.type).toBe('text');
    const { url } = await simulator.listen();
    const graded = await fetch(`${url}/_sim/grade`, {
      method: 'POST',
      body: JSON.stringify({ taskId: task.id, text: 'the Sile flows through Dorn' }),
    });
    expect(await graded.json()).toMatchObject({ score: 0.5 });
  });
});
