import { utf8ByteLength } from '../tokens/utf8-byte-bound';
import { createScriptedModelClient, scriptedResponse } from '../testing/scripted-model-client';
import type { ModelRequest } from '../model/model-request';
import type { ScriptedModelClient } from '../testing/scripted-model-client';

/** What the fake model answers for each role. */
export interface FakeTaskScript {
  readonly triage?: string;
  readonly plan?: string;
  /** Output tokens of a working turn. @default 50 */
  readonly outputTokens?: number;
}

/** The role a request plays, from the identity it carries (a single agent's is `agent`). */
export function roleOf(request: ModelRequest): string {
  const role = request.agent?.role;
  return role === undefined || role === 'single' || role === 'continuation' ? 'agent' : role;
}

function firstText(request: ModelRequest): string {
  const part = request.messages[0]?.content[0];
  return part?.type === 'text' ? part.text : '';
}

/**
 * A fake model for orchestrator unit tests: triage and plan answer the
 * scripted JSON, a subagent answers "Found: <its question>", the synthesizer
 * and a single agent answer from what their prompt holds. Prompt tokens are a
 * quarter of the request's JSON bytes, so bigger prompts cost more.
 */
export function createFakeTaskClient(script: FakeTaskScript): ScriptedModelClient {
  const steps = Array.from({ length: 500 }, () => (request: ModelRequest) => {
    const role = roleOf(request);
    const input = Math.ceil(utf8ByteLength(JSON.stringify(request)) / 4);
    const text =
      role === 'triage'
        ? (script.triage ?? '{"size":"large","parallelizable":true,"subtasks":3}')
        : role === 'plan'
          ? (script.plan ?? '{"subtasks":[]}')
          : role === 'subagent'
            ? `Found: ${firstText(request).split('\n')[0] ?? ''}`
            : role === 'synthesize'
              ? `Final: ${firstText(request)}`
              : `Answer: ${firstText(request)}`;
    return scriptedResponse({
      model: request.model,
      content: [{ type: 'text', text }],
      usage: { input, output: Math.min(request.maxTokens, script.outputTokens ?? 50) },
    });
  });
  return createScriptedModelClient(steps);
}

/** A plan of `count` independent subtasks `s1..sN`. */
export function parallelPlan(count: number): string {
  return JSON.stringify({
    subtasks: Array.from({ length: count }, (_, index) => ({
      id: `s${String(index + 1)}`,
      question: `Question ${String(index + 1)}?`,
      dependsOn: [],
    })),
  });
}
