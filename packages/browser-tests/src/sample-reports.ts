import {
  buildTaskReport,
  createUsage,
  defaultPriceTable,
  priceCall,
  type LedgerEntry,
  type ReportAgent,
  type ReportDecision,
  type TaskReport,
  type Usage,
} from '@bursar/core';

const haiku = 'claude-haiku-4-5';
const sonnet = 'claude-sonnet-4-5';

/** A billed call of the ledger, priced by the default price table. */
function entry(at: number, agent: string, model: string, usage: Partial<Usage>): LedgerEntry {
  const full = createUsage(usage);
  const price = priceCall(full, model);
  return {
    at,
    agent,
    model,
    lane: 'interactive',
    speed: 'standard',
    inferenceGeo: 'global',
    usage: full,
    cost: price.total,
    byClass: price.byClass,
  };
}

/**
 * A fan-out task as the orchestrator would report it: triage, a plan, four
 * subagents with cached tool loops, a synthesis, and the governor stepping in
 * twice as the spend nears a $0.80 limit.
 */
export function fanOutReport(): TaskReport {
  const subagents = ['subagent:pricing', 'subagent:caching', 'subagent:routing', 'subagent:docs'];
  const entries: LedgerEntry[] = [
    entry(900, 'triage', haiku, { input: 2_100, output: 180 }),
    entry(4_200, 'plan', sonnet, { input: 3_900, cacheWrite5m: 4_200, output: 1_150 }),
  ];
  subagents.forEach((agent, index) => {
    for (let turn = 0; turn < 6; turn += 1) {
      const at = 6_000 + turn * 4_600 + index * 700;
      const model = index === 3 && turn >= 3 ? haiku : sonnet;
      entries.push(
        entry(at, agent, model, {
          input: 600 + turn * 120,
          cacheWrite1h: turn === 0 ? 6_800 : 0,
          cacheWrite5m: turn === 0 ? 0 : 900,
          cacheRead: turn === 0 ? 0 : 6_800 + turn * 900,
          output: turn >= 4 ? 420 : 760,
        }),
      );
    }
  });
  entries.push(
    entry(36_500, 'synthesize', sonnet, { input: 9_400, cacheRead: 4_200, output: 1_900 }),
  );
  entries.sort((left, right) => left.at - right.at);

  const agents: ReportAgent[] = [
    { agent: 'triage', role: 'triage', model: haiku, status: 'done' },
    { agent: 'plan', role: 'plan', model: sonnet, status: 'done' },
    ...subagents.map((agent, index) => ({
      agent,
      role: 'subagent' as const,
      model: sonnet,
      status: index === 3 ? 'downgraded' : 'done',
    })),
    { agent: 'synthesize', role: 'synthesize', model: sonnet, status: 'done' },
  ];
  const decisions: ReportDecision[] = [
    {
      at: 4_300,
      kind: 'shape',
      reason: 'Four independent parts: fan-out projected at $0.62 against $0.74 for one agent.',
      projectedBefore: 740_000_000,
      projectedAfter: 620_000_000,
    },
    {
      at: 19_200,
      kind: 'downgrade',
      reason: 'Projection passed 85% of the limit: subagent:docs moves to claude-haiku-4-5.',
      projectedBefore: 790_000_000,
      projectedAfter: 720_000_000,
    },
    {
      at: 24_800,
      kind: 'cap-output',
      reason: 'Output capped at 512 tokens per turn for the last two turns of every subagent.',
      projectedBefore: 720_000_000,
      projectedAfter: 660_000_000,
    },
  ];
  return buildTaskReport({
    taskId: 'task_V1StGXR8_Z5jdHi6B',
    status: 'done',
    shape: 'fanOut',
    limit: 800_000_000,
    entries,
    agents,
    decisions,
    shapeNotTaken: { shape: 'single', projectedCost: 740_000_000 },
    durationMs: 38_200,
    priceTable: defaultPriceTable,
  });
}

/** A report whose every string tries to inject markup, and a script that would flag success. */
export function hostileReport(): TaskReport {
  const agent = '<img src="x" onerror="window.__injected = 1">';
  return buildTaskReport({
    taskId: '</title><script>window.__injected = 2</script>',
    status: '<b>done</b>',
    shape: 'single',
    limit: 100_000_000,
    entries: [entry(1_000, agent, haiku, { input: 4_000, output: 300 })],
    agents: [
      { agent, role: 'single', model: haiku, status: '"><script>window.__injected = 3</script>' },
    ],
    decisions: [
      {
        at: 500,
        kind: '<svg onload="window.__injected = 4">',
        reason: '<script>window.__injected = 5</script>',
        projectedBefore: undefined,
        projectedAfter: undefined,
      },
    ],
    shapeNotTaken: undefined,
    durationMs: 1_500,
    priceTable: defaultPriceTable,
  });
}

/** A long single-agent run: `calls` cached turns, one every 1.2 s, no dollar limit. */
export function longReport(calls: number): TaskReport {
  const entries = Array.from({ length: calls }, (_, turn) =>
    entry(1_200 * (turn + 1), 'single', haiku, {
      input: 300,
      cacheWrite5m: 250,
      cacheRead: 2_000 + turn * 40,
      output: 200,
    }),
  );
  return buildTaskReport({
    taskId: `long-${calls}`,
    status: 'done',
    shape: 'single',
    limit: undefined,
    entries,
    agents: [{ agent: 'single', role: 'single', model: haiku, status: 'done' }],
    decisions: [],
    shapeNotTaken: undefined,
    durationMs: 1_200 * calls + 500,
    priceTable: defaultPriceTable,
  });
}

/**
 * A fan-out that ends close to its $0.05 limit ($0.0467), as `pnpm demo` runs one: the
 * planner's subtask ids are hashes, and several decisions share a moment
 * (the shape and a prune at 5.27 s; three refused subagents downgraded at once).
 */
export function tightReport(): TaskReport {
  const subagents = [
    'bca4ab7d1f4df703',
    '2891593cc0531647',
    '704cca854386d810',
    '3e4b89409b6fae40',
  ];
  const entries: LedgerEntry[] = [
    entry(800, 'triage', haiku, { input: 900, output: 40 }),
    entry(5_200, 'plan', sonnet, { input: 1_200, output: 420 }),
  ];
  subagents.forEach((id, index) => {
    for (let turn = 0; turn < 2; turn += 1)
      entries.push(
        entry(6_000 + index * 2_500 + turn * 1_100, `subagent:${id}`, haiku, {
          input: 350,
          cacheWrite5m: turn === 0 ? 1_400 : 300,
          cacheRead: turn === 0 ? 0 : 1_400,
          output: 220,
        }),
      );
  });
  entries.push(entry(31_900, 'synthesize', sonnet, { input: 2_600, output: 480 }));
  entries.sort((left, right) => left.at - right.at);
  const decision = (at: number, kind: string, reason: string): ReportDecision => ({
    at,
    kind,
    reason,
    projectedBefore: undefined,
    projectedAfter: undefined,
  });
  return buildTaskReport({
    taskId: 'fanoutqa-7dcbbbdc7f1120cd',
    status: 'done',
    shape: 'fanOut',
    limit: 50_000_000,
    entries,
    agents: [
      { agent: 'triage', role: 'triage', model: haiku, status: 'completed' },
      { agent: 'plan', role: 'plan', model: sonnet, status: 'completed' },
      ...subagents.map((id, index) => ({
        agent: `subagent:${id}`,
        role: 'subagent' as const,
        model: haiku,
        status: 'completed',
        ...(index === 0
          ? { subtask: 'What is the population of the largest city on the list?' }
          : {}),
      })),
      { agent: 'synthesize', role: 'synthesize', model: sonnet, status: 'completed' },
    ],
    decisions: [
      decision(5_270, 'shape', 'fanOut: asked for a fan-out'),
      decision(5_270, 'prune', 'projected $0.0445 against a target of 80% of $0.05'),
      decision(16_660, 'downgrade', 'a reservation was refused: subagent:704cca854386d810'),
      decision(16_660, 'downgrade', 'a reservation was refused: subagent:3e4b89409b6fae40'),
      decision(16_660, 'cap-output', 'synthesize turn 1: the budget holds 377 output tokens'),
      decision(27_830, 'stop', 'the budget cannot hold another subagent'),
    ],
    shapeNotTaken: { shape: 'single', projectedCost: 45_380_000 },
    durationMs: 32_000,
    priceTable: defaultPriceTable,
  });
}

/** A run that failed at its first call: the key was refused. */
export function failedReport(): TaskReport {
  return buildTaskReport({
    taskId: 'task_refused_key',
    status: 'failed',
    shape: undefined,
    limit: 50_000_000,
    entries: [],
    agents: [{ agent: 'triage', role: 'triage', model: haiku, status: 'failed' }],
    decisions: [],
    shapeNotTaken: undefined,
    durationMs: 120,
    priceTable: defaultPriceTable,
    error:
      'Call failed and is not retryable: Anthropic API 401 authentication_error: the API key was refused (invalid x-api-key)',
  });
}
