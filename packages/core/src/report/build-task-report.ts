import type { Nanodollars } from '../money/nanodollars';
import { cost } from '../pricing/price-call';
import type { PriceTable } from '../pricing/price-table';
import {
  addUsage,
  createUsage,
  emptyUsage,
  promptTokens,
  tokenClasses,
  type TokenClass,
} from '../usage/usage';
import type { LedgerEntry } from './task-ledger';
import type {
  AgentCost,
  ModelCost,
  ReportDecision,
  TaskReport,
  TimelineEntry,
} from './task-report';

/** An agent of the task as the orchestrator knows it (its spend comes from the ledger). */
export interface ReportAgent {
  readonly agent: string;
  readonly role: AgentCost['role'];
  readonly model: string;
  readonly status: string;
  /** A subagent's subtask, in words (its question): see {@link AgentCost.subtask}. */
  readonly subtask?: string;
}

/** What {@link buildTaskReport} needs: the ledger and what the orchestrator decided. */
export interface TaskReportInput {
  readonly taskId: string;
  readonly status: string;
  readonly shape: 'single' | 'fanOut' | undefined;
  readonly limit: Nanodollars | undefined;
  readonly entries: readonly LedgerEntry[];
  readonly agents: readonly ReportAgent[];
  readonly decisions: readonly ReportDecision[];
  readonly shapeNotTaken: TaskReport['counterfactuals']['shapeNotTaken'];
  readonly durationMs: number;
  readonly priceTable: PriceTable;
  /** Why the task failed, as a message: see {@link TaskReport.error}. */
  readonly error?: string;
}

/**
 * Builds the task's report from its ledger: a pure function, so a report can
 * be rebuilt from a saved ledger at any time.
 *
 * @example
 * ```ts
 * const report = buildTaskReport({ taskId, status: 'done', shape: 'single', limit, entries: ledger.entries, agents, decisions: [], shapeNotTaken: undefined, durationMs, priceTable });
 * report.cost === ledger.total; // true
 * // A failed task: its reason shows at the top of the HTML page.
 * buildTaskReport({ ...input, status: 'failed', error: 'Call failed and is not retryable: 401 authentication_error' }).error;
 * ```
 */
export function buildTaskReport(input: TaskReportInput): TaskReport {
  const classTotals = Object.fromEntries(
    tokenClasses.map((name) => [name, { tokens: 0, cost: 0 }]),
  ) as Record<TokenClass, { tokens: number; cost: number }>;
  const byAgent = new Map<string, { calls: number; usage: AgentCost['usage']; cost: number }>();
  const byModel = new Map<string, { calls: number; usage: ModelCost['usage']; cost: number }>();
  const timeline: TimelineEntry[] = [];
  let usage = emptyUsage;
  let total = 0;
  let withoutCaching = 0;

  for (const entry of input.entries) {
    for (const name of tokenClasses) {
      classTotals[name].tokens += entry.usage[name];
      classTotals[name].cost += entry.byClass[name];
    }
    usage = addUsage(usage, entry.usage);
    total += entry.cost;
    withoutCaching += cost(
      createUsage({ input: promptTokens(entry.usage), output: entry.usage.output }),
      entry.model,
      {
        lane: entry.lane,
        speed: entry.speed,
        inferenceGeo: entry.inferenceGeo,
        priceTable: input.priceTable,
      },
    );
    accumulate(byAgent, entry.agent, entry);
    accumulate(byModel, entry.model, entry);
    timeline.push({
      at: entry.at,
      agent: entry.agent,
      model: entry.model,
      lane: entry.lane,
      usage: entry.usage,
      cost: entry.cost,
      spent: total,
    });
  }

  const known = new Map(input.agents.map((agent) => [agent.agent, agent]));
  const agentNames = [...new Set([...input.agents.map((agent) => agent.agent), ...byAgent.keys()])];
  const prompt = promptTokens(usage);
  return {
    format: 'bursar-report/v1',
    taskId: input.taskId,
    status: input.status,
    shape: input.shape,
    budget: {
      limit: input.limit,
      spent: total,
      shareUsed: input.limit === undefined || input.limit === 0 ? undefined : total / input.limit,
    },
    usage,
    cost: total,
    byClass: classTotals,
    byAgent: agentNames.map((name) => {
      const spend = byAgent.get(name);
      const agent = known.get(name);
      return {
        agent: name,
        role: agent?.role ?? 'single',
        model: agent?.model ?? 'unknown',
        ...(agent?.subtask === undefined ? {} : { subtask: agent.subtask }),
        status: agent?.status ?? 'unknown',
        calls: spend?.calls ?? 0,
        usage: spend?.usage ?? emptyUsage,
        cost: spend?.cost ?? 0,
      };
    }),
    byModel: [...byModel].map(([model, spend]) => ({ model, ...spend })),
    cacheHitShare: prompt === 0 ? 0 : usage.cacheRead / prompt,
    decisions: input.decisions,
    timeline,
    counterfactuals: { withoutCaching, shapeNotTaken: input.shapeNotTaken },
    durationMs: input.durationMs,
    ...(input.error === undefined ? {} : { error: input.error }),
  };
}

function accumulate(
  map: Map<string, { calls: number; usage: AgentCost['usage']; cost: number }>,
  key: string,
  entry: LedgerEntry,
): void {
  const current = map.get(key) ?? { calls: 0, usage: emptyUsage, cost: 0 };
  map.set(key, {
    calls: current.calls + 1,
    usage: addUsage(current.usage, entry.usage),
    cost: current.cost + entry.cost,
  });
}
