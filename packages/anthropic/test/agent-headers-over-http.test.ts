import { readFileSync } from 'node:fs';
import type { ModelRequest } from '@bursar/core';
import { afterEach, describe, expect, it } from 'vitest';
import { agentHeaderNames, createAnthropicClient } from '../src/index';
import {
  startCaptureServer,
  type CaptureServer,
  type CapturedRequest,
} from './echo-server.test-helper';

const fixture = (name: string): string =>
  readFileSync(new URL(`../src/__fixtures__/${name}`, import.meta.url), 'utf8');
const messageText = fixture('message-text.json');
const streamText = fixture('stream-text.sse');

const request: ModelRequest = {
  model: 'claude-sonnet-4-6',
  tools: [],
  system: ['You are terse.'],
  reference: [],
  messages: [{ role: 'user', content: [{ type: 'text', text: 'Which rivers flood?' }] }],
  maxTokens: 64,
};

// An id and a subtask that are not header-safe as they are: a colon, spaces, non-ASCII, a newline.
const agent = {
  id: 'subagent:rivers of Émilie\nline two',
  role: 'subagent',
  subtask: 'rivers of Émilie\nline two',
} as const;

let server: CaptureServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

/** A server that answers messages (plain or streamed) and count_tokens like the API. */
async function start(): Promise<CaptureServer> {
  server = await startCaptureServer((captured, response) => {
    const body = JSON.parse(captured.body) as { stream?: boolean };
    if (captured.path.includes('count_tokens')) {
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end(JSON.stringify({ input_tokens: 21 }));
    } else if (body.stream === true) {
      response.writeHead(200, { 'content-type': 'text/event-stream' });
      response.end(streamText);
    } else {
      response.writeHead(200, { 'content-type': 'application/json', 'request-id': 'req_1' });
      response.end(messageText);
    }
  });
  return server;
}

function header(captured: CapturedRequest | undefined, name: string): string | undefined {
  const value = captured?.headers[name];
  return Array.isArray(value) ? value.join(',') : value;
}

const calls: [string, Partial<ModelRequest>][] = [
  ['messages.create', {}],
  ['messages.stream', { providerOptions: { anthropic: { stream: true } } }],
  [
    'beta.messages.create (context management)',
    {
      providerOptions: {
        anthropic: { contextManagement: { edits: [{ type: 'clear_tool_uses_20250919' }] } },
      },
    },
  ],
];

describe('the calling agent, sent as x-bursar-agent-* headers over HTTP', () => {
  it.each(calls)('%s: headers sent URI-encoded, the body unchanged', async (_name, overrides) => {
    const { url, requests } = await start();
    const client = createAnthropicClient({ apiKey: 'sk-test-agent-headers', baseURL: url });
    await client.complete({ ...request, ...overrides });
    await client.complete({ ...request, ...overrides, agent });
    const [without, withAgent] = requests;
    expect(header(without, agentHeaderNames.id)).toBeUndefined();
    expect(header(without, agentHeaderNames.role)).toBeUndefined();
    expect(header(without, agentHeaderNames.subtask)).toBeUndefined();
    expect(header(withAgent, agentHeaderNames.id)).toBe(encodeURIComponent(agent.id));
    expect(decodeURIComponent(header(withAgent, agentHeaderNames.id) ?? '')).toBe(agent.id);
    expect(header(withAgent, agentHeaderNames.role)).toBe('subagent');
    expect(decodeURIComponent(header(withAgent, agentHeaderNames.subtask) ?? '')).toBe(
      agent.subtask,
    );
    // Nothing of the identity is in the body: byte for byte the same request.
    expect(withAgent?.body).toBe(without?.body);
    expect(withAgent?.body).not.toContain('rivers of');
    expect(JSON.parse(withAgent?.body ?? '{}')).not.toHaveProperty('metadata');
  });

  it('count_tokens carries them too; no subtask header for an agent without one', async () => {
    const { url, requests } = await start();
    const client = createAnthropicClient({ apiKey: 'sk-test-agent-headers', baseURL: url });
    await client.countTokens({ ...request, agent: { id: 'synthesize', role: 'synthesize' } });
    await client.countTokens(request);
    const [withAgent, without] = requests;
    expect(withAgent?.path).toContain('/v1/messages/count_tokens');
    expect(header(withAgent, agentHeaderNames.id)).toBe('synthesize');
    expect(header(withAgent, agentHeaderNames.role)).toBe('synthesize');
    expect(header(withAgent, agentHeaderNames.subtask)).toBeUndefined();
    expect(withAgent?.body).toBe(without?.body);
  });
});
