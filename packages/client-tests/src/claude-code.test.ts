import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { query, type SDKMessage, type SDKResultMessage } from '@anthropic-ai/claude-agent-sdk';
import { afterEach, describe, expect, it } from 'vitest';
import { startSimulatorServer, sum, type SimulatorServer } from './support/simulator-server';

// Claude Code itself: the binary that @anthropic-ai/claude-agent-sdk 0.3.328 ships
// (platform package @anthropic-ai/claude-agent-sdk-linux-x64), driven by `query()`
// against the simulator over HTTP on 127.0.0.1. It sends what it sends today
// (system-role messages, adaptive thinking, context_management, output_config,
// max_tokens 128,000, claude-opus-5-5, ?beta=true and its beta headers) and reports
// its own cost from its own price table: that must equal the simulator's invoice.
//
// Its tools are only ones that cannot change the machine: Read, Glob and Grep
// (never Bash, Write or Edit), in a temporary directory with a temporary
// CLAUDE_CONFIG_DIR and HOME, and no settings read from disk.

const readOnlyTools = ['Read', 'Glob', 'Grep'];
const forbiddenTools = ['Bash', 'Write', 'Edit', 'NotebookEdit', 'WebFetch', 'WebSearch', 'Agent'];

let server: SimulatorServer | undefined;
const directories: string[] = [];
afterEach(async () => {
  await server?.close();
  server = undefined;
  await Promise.all(
    directories.splice(0).map((path) => rm(path, { recursive: true, force: true })),
  );
});

async function temporaryDirectory(prefix: string): Promise<string> {
  const path = await mkdtemp(join(tmpdir(), prefix));
  directories.push(path);
  return path;
}

/** Runs Claude Code on one prompt in a fresh directory and returns every message it yields. */
async function runClaudeCode(url: string, prompt: string): Promise<SDKMessage[]> {
  const cwd = await temporaryDirectory('bursar-cc-cwd-');
  const config = await temporaryDirectory('bursar-cc-config-');
  await writeFile(join(cwd, 'notes.txt'), 'The river Vostra flows through Palmeny.\n');
  const messages: SDKMessage[] = [];
  const stderr: string[] = [];
  try {
    for await (const message of query({
      prompt,
      options: {
        cwd,
        tools: readOnlyTools,
        allowedTools: readOnlyTools,
        disallowedTools: forbiddenTools,
        permissionMode: 'default',
        settingSources: [],
        persistSession: false,
        maxTurns: 8,
        stderr: (data) => stderr.push(data),
        // The whole environment of the child: nothing of this machine's leaks in.
        env: {
          PATH: process.env['PATH'] ?? '',
          HOME: config,
          CLAUDE_CONFIG_DIR: config,
          ANTHROPIC_BASE_URL: url,
          ANTHROPIC_API_KEY: 'sim-fake-key',
          DISABLE_TELEMETRY: '1',
          DISABLE_AUTOUPDATER: '1',
          CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC: '1',
        },
      },
    })) {
      messages.push(message);
    }
  } catch (error) {
    throw new Error(`Claude Code failed; its stderr: ${stderr.join('').slice(0, 2_000)}`, {
      cause: error,
    });
  }
  return messages;
}

describe('Claude Code (the Claude Agent SDK) against the simulator over HTTP', () => {
  it('runs a multi-turn, tool-using session whose total_cost_usd is the invoice total', async () => {
    server = await startSimulatorServer('claude-code');
    const messages = await runClaudeCode(
      server.url,
      'Read notes.txt and tell me which river it names.',
    );

    const result = messages.find(
      (message): message is SDKResultMessage => message.type === 'result',
    );
    if (result === undefined) throw new Error('Claude Code gave no result');
    expect(result.is_error).toBe(false);
    expect(result.subtype).toBe('success');

    // More than one model turn, and a tool call among them, all read-only.
    const assistantTurns = messages.filter((message) => message.type === 'assistant');
    const toolCalls = assistantTurns.flatMap((message) =>
      message.type === 'assistant'
        ? message.message.content.flatMap((block) => (block.type === 'tool_use' ? [block] : []))
        : [],
    );
    expect(toolCalls.length).toBeGreaterThan(0);
    for (const call of toolCalls) expect(readOnlyTools).toContain(call.name);

    const invoice = await server.invoice();
    expect(invoice.lines.length).toBeGreaterThan(1);
    // Every request was the model it asked for; the invoice has no errored request.
    expect(invoice.lines.every((line) => line.model === 'claude-opus-5-5')).toBe(true);

    // Its own price table and the simulator's agree to the nano-dollar.
    expect(Math.round(result.total_cost_usd * 1e9)).toBe(invoice.total);
    const usage = result.modelUsage['claude-opus-5-5'];
    expect(usage?.inputTokens).toBe(sum(invoice.lines, (line) => line.usage.input));
    expect(usage?.outputTokens).toBe(sum(invoice.lines, (line) => line.usage.output));
    expect(usage?.cacheReadInputTokens).toBe(sum(invoice.lines, (line) => line.usage.cacheRead));
    expect(usage?.cacheCreationInputTokens).toBe(
      sum(invoice.lines, (line) => line.usage.cacheWrite5m + line.usage.cacheWrite1h),
    );
    // Its thinking was billed as output.
    expect(usage?.thinkingTokens ?? 0).toBeGreaterThan(0);
    expect(result.usage.output_tokens_details?.thinking_tokens).toBe(usage?.thinkingTokens);
  });
});
