/**
 * Builds `workloads/claude-code-traces.json` from the recorded Claude Code
 * sessions (marot/spotter): one trace-shaped task per segment of a main
 * session, split at its compaction boundaries.
 *
 * The sizes are fitted so that driving a task naively (every turn resends the
 * system prompt and every earlier message, nothing pruned) gives each request
 * the recorded context size (input + cache write + cache read), counted as the
 * simulator counts it (o200k plus framing):
 *
 * - call 0: the shared system prompt and the `trace_step` tool stay small; the
 *   task prompt carries a padding sized to make up the recorded context;
 * - call k to k + 1: the answer of call k (a text of `outputTokens` tokens and
 *   the `trace_step` tool call) plus its tool result grow the context by the
 *   recorded growth. Output counts are under-reported in the logs, so they get
 *   a floor; the tool result takes the rest. Each result is fitted against the
 *   context reached so far, so an overshoot (growth too small for the answer)
 *   is taken back by the next result rather than carried to the end.
 *
 * Usage: `npx tsx packages/simulator/scripts/build-trace-workloads.ts [sessions.json]`
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { format, resolveConfig } from 'prettier';
import * as z from 'zod';
import { framingTokens, linearizePrompt } from '../src/prompt/linearize-prompt';
import { createTokenCounter, type TokenCounter } from '../src/tokens/token-counter';
import { sizedText } from '../src/workloads/sized-text';
import { workloadSchema, type WorkloadInput } from '../src/workloads/workload-schema';

const defaultInput = '/work/shared/realdata/claude_code_sessions_usage.json';
const output = resolve(
  dirname(fileURLToPath(import.meta.url)),
  '../workloads/claude-code-traces.json',
);

/** Recorded output counts are streaming snapshots (often 1 to 25): none counts below this. */
const outputFloor = 20;

const traceToolName = 'trace_step';

/** The recorded file, read at the boundary: only the fields the fit uses. */
const callRowSchema = z.tuple([
  z.number(), // seconds since the session's first call
  z.string(), // model
  z.number().int(), // input_tokens
  z.number().int(), // cache_creation_input_tokens
  z.number().int(), // cache_read_input_tokens
  z.number().int(), // output_tokens
  z.number().int(), // cache_creation.ephemeral_5m
  z.number().int(), // cache_creation.ephemeral_1h
  z.array(z.string()), // tool_use_names
  z.boolean(), // has_thinking_block
]);
const sessionsFileSchema = z.object({
  source: z.object({ repo: z.string(), path: z.string(), commit: z.string(), license: z.string() }),
  sessions: z.array(
    z.object({
      file: z.string(),
      kind: z.string(),
      n_calls: z.number().int(),
      compact_boundaries: z.array(z.object({ before_call_index: z.number().int() })),
      calls: z.array(callRowSchema),
    }),
  ),
});
type CallRow = z.infer<typeof callRowSchema>;

/** One recorded call as the fit sees it. */
interface RecordedCall {
  readonly context: number;
  readonly output: number;
  readonly tools: readonly string[];
  readonly seconds: number;
}

/** How well a segment fits. */
interface FitReport {
  readonly id: string;
  readonly calls: number;
  /** Growth steps too small for the answer: the tool result is empty there. */
  readonly clipped: number;
  /** The largest overshoot of a clipped step, in tokens. */
  readonly worstOvershoot: number;
}

const systemPrompt =
  'You are replaying a recorded Claude Code session. On each turn, write your notes, then call trace_step with the task id and the number of the call.';

const traceTool: WorkloadInput['tools'][number] = {
  name: traceToolName,
  description:
    'Runs the next recorded step of a trace task and returns its recorded tool output (a text of the recorded size).',
  input_schema: {
    type: 'object',
    properties: {
      task: { type: 'string', description: 'The task id.' },
      call: { type: 'integer', description: 'The index of the call making this request.' },
    },
    required: ['task', 'call'],
  },
};

async function main(): Promise<void> {
  const inputPath = process.argv[2] ?? defaultInput;
  const recorded = sessionsFileSchema.parse(JSON.parse(readFileSync(inputPath, 'utf8')));
  const countTokens = createTokenCounter();
  const model = 'claude-opus-4-6';
  // Request framing, the tool and the system prompt: what precedes the first message.
  const prefixTokens = linearizePrompt(
    { model, system: systemPrompt, tools: [traceTool], messages: [] },
    countTokens,
  ).totalTokens;

  const tasks: WorkloadInput['tasks'] = [];
  const reports: FitReport[] = [];
  const mains = recorded.sessions.filter(
    (session) => session.kind === 'main' && session.n_calls > 100,
  );
  for (const session of mains) {
    const sessionId = session.file.replace(/\.jsonl$/, '');
    const boundaries = session.compact_boundaries.map((boundary) => boundary.before_call_index);
    const starts = [0, ...boundaries].sort((left, right) => left - right);
    starts.forEach((start, segmentIndex) => {
      const end = starts[segmentIndex + 1] ?? session.calls.length;
      const rows = session.calls.slice(start, end);
      const id = `cc-${sessionId.slice(0, 8)}-${String(segmentIndex + 1)}`;
      const label = `${sessionId}, calls ${String(start)} to ${String(end - 1)}`;
      const { task, report } = fitSegment({ id, label, rows, prefixTokens, countTokens });
      tasks.push(task);
      reports.push(report);
    });
  }

  const workload: WorkloadInput = {
    format: 'bursar-workload/v1',
    id: 'claude-code-traces',
    title: 'Claude Code session traces',
    description: [
      'Six segments of three real Claude Code main sessions (claude-opus-4-6), split at their automatic compactions.',
      'Drive a task naively (resend everything each turn) and each request has the recorded context size (input + cache write + cache read) as the simulator counts it.',
      `trace.systemTokens is the prompt before the first message (framing, the trace_step tool, the system prompt); the task prompt pads up to the recorded first context.`,
      `Output counts are the recorded ones with a floor of ${String(outputFloor)} (the logs under-report them); seconds count from the segment's first call.`,
    ].join(' '),
    source: {
      name: 'marot/spotter',
      url: `https://github.com/${recorded.source.repo}/tree/${recorded.source.commit}/${recorded.source.path}`,
      license: 'MIT',
      attribution: `Usage of real Claude Code CLI sessions (token counts, timings, tool names only) from ${recorded.source.repo} ${recorded.source.path}, ${recorded.source.license}.`,
    },
    systemPrompt,
    tools: [traceTool],
    tasks,
  };
  // Validate, but write the input form: defaults stay implicit.
  workloadSchema.parse(workload);
  mkdirSync(dirname(output), { recursive: true });
  // Formatted as the repository's Prettier would, so `prettier --check .` passes.
  const options = await resolveConfig(output);
  writeFileSync(output, await format(JSON.stringify(workload), { ...options, filepath: output }));

  for (const report of reports)
    console.log(
      `${report.id}: ${String(report.calls)} calls, ${String(report.clipped)} growth steps too small (worst overshoot ${String(report.worstOvershoot)} tokens)`,
    );
  console.log(`wrote ${output}`);
}

/** Fits one segment: the padded prompt, the output floors and the tool result sizes. */
function fitSegment(options: {
  id: string;
  label: string;
  rows: readonly CallRow[];
  prefixTokens: number;
  countTokens: TokenCounter;
}): { task: WorkloadInput['tasks'][number]; report: FitReport } {
  const { id, label, rows, prefixTokens, countTokens } = options;
  const first = rows[0];
  if (first === undefined) throw new RangeError(`Segment ${id} has no calls.`);
  const calls: RecordedCall[] = rows.map(
    ([seconds, , input, write, read, outputTokens, , , tools]) => ({
      context: input + write + read,
      output: Math.max(outputTokens, outputFloor),
      tools,
      // One decimal, as recorded; the float subtraction would add noise.
      seconds: Math.round((seconds - first[0]) * 10) / 10,
    }),
  );
  const firstContext = calls[0]?.context ?? 0;
  const prompt = paddedPrompt({
    id,
    label,
    tokens: firstContext - prefixTokens - framingTokens.message,
    countTokens,
  });

  let reached = firstContext;
  let clipped = 0;
  let worstOvershoot = 0;
  const traceCalls = calls.map((call, index) => {
    const next = calls[index + 1];
    if (next === undefined) return { call, toolResultTokens: 0 };
    const answer =
      framingTokens.message +
      call.output +
      countTokens(`${traceToolName}\n${JSON.stringify({ task: id, call: index })}`);
    const toolResultTokens = next.context - reached - answer - framingTokens.message;
    if (toolResultTokens < 0) {
      clipped += 1;
      worstOvershoot = Math.max(worstOvershoot, -toolResultTokens);
    }
    const result = Math.max(0, toolResultTokens);
    reached += answer + framingTokens.message + result;
    return { call, toolResultTokens: result };
  });

  return {
    // The prompt goes last: it is long, and the calls are what a reader looks for.
    task: {
      id,
      shape: 'trace',
      answerFacts: [],
      trace: {
        systemTokens: prefixTokens,
        calls: traceCalls.map(({ call, toolResultTokens }) => ({
          contextTokens: call.context,
          outputTokens: call.output,
          toolResultTokens,
          tools: [...call.tools],
          seconds: call.seconds,
        })),
      },
      prompt,
    },
    report: { id, calls: calls.length, clipped, worstOvershoot },
  };
}

/** The task prompt: a tagged header, then filler prose to exactly `tokens` tokens in all. */
function paddedPrompt(options: {
  id: string;
  label: string;
  tokens: number;
  countTokens: TokenCounter;
}): string {
  const { id, label, tokens, countTokens } = options;
  const header = `bursar-task: ${id}\nReplay of a recorded Claude Code session (${label}). The text below stands in for the system prompt, tool definitions and conversation the recorded session started this segment with.\n\n`;
  let paddingTokens = tokens - countTokens(header);
  // Header and padding may merge a token at the seam: adjust until exact.
  for (let attempt = 0; attempt < 4; attempt += 1) {
    const padding = sizedText({
      seed: `${id}:padding`,
      tokens: paddingTokens,
      facts: [],
      format: 'text',
      countTokens,
    });
    const prompt = `${header}${padding}`;
    const difference = tokens - countTokens(prompt);
    if (difference === 0) return prompt;
    paddingTokens += difference;
  }
  throw new RangeError(`Could not pad the prompt of ${id} to ${String(tokens)} tokens.`);
}

await main();
