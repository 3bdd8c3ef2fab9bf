import { createAnthropicClient } from '@bursar/anthropic';
import { createBudget, runAgent, runTask } from '@bursar/core';
import type { Peer, PeerOutcome, PeerTask } from './peer-run';
import { bursarTools } from './workload-setup';

/** An unconstrained budget: these runs measure cost, not the governor's limits. */
const roomyBudget = '1000';

/**
 * Bursar's agent loop: `runAgent` caching the system for an hour and the
 * conversation's end for five minutes, pruning tool results once used.
 */
async function runBursarAgent(input: PeerTask): Promise<PeerOutcome> {
  const result = await runAgent({
    client: createAnthropicClient({ apiKey: 'sk-bench-bursar-agent', baseURL: input.baseURL }),
    budget: createBudget({ usd: roomyBudget }),
    model: 'claude-sonnet-4-6',
    prompt: input.task.prompt,
    system: [input.workload.systemPrompt],
    tools: bursarTools(input.workload),
    maxTurns: input.maxTurns,
    maxTokens: input.maxTokens,
    cache: { system: '1h', conversation: '5m' },
    context: { prune: true },
  });
  return { text: result.text, calls: result.turns, ending: result.status };
}

/**
 * Bursar's `runTask` with shape `auto`: triage, maybe a plan, one agent or a
 * fan-out; with `prune`, its working agents prune used tool results too.
 */
async function runBursarTask(input: PeerTask, prune: boolean): Promise<PeerOutcome> {
  const result = await runTask({
    task: input.task.prompt,
    client: createAnthropicClient({ apiKey: 'sk-bench-bursar-task', baseURL: input.baseURL }),
    budget: { usd: roomyBudget },
    shape: 'auto',
    tools: bursarTools(input.workload),
    system: [input.workload.systemPrompt],
    maxTurns: input.maxTurns,
    maxTokens: input.maxTokens,
    store: false,
    ...(prune ? { context: { prune: true } } : {}),
  });
  return {
    text: result.output,
    calls: result.report.timeline.length,
    ending: `${result.status} (${result.report.shape ?? 'no shape'})`,
  };
}

/** `runAgent` with caching and pruning as a peer. */
export const bursarAgentPeer: Peer = {
  name: 'Bursar runAgent (cache + prune)',
  run: runBursarAgent,
};

/** `runTask` auto, at its defaults, as a peer. */
export const bursarTaskPeer: Peer = {
  name: 'Bursar runTask auto',
  run: (input) => runBursarTask(input, false),
};

/** `runTask` auto with pruning as a peer. */
export const bursarTaskPrunePeer: Peer = {
  name: 'Bursar runTask auto + prune',
  run: (input) => runBursarTask(input, true),
};
