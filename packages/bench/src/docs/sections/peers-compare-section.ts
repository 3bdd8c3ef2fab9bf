import * as z from 'zod';
import { benchmarkSection } from '../benchmark-section';
import { earlierRuns } from '../earlier-runs';
import { count, joinWords, ofTotal, ratio, usd } from '../format-figures';
import { joinBlocks, list } from '../markdown/join-blocks';
import { markdownTable } from '../markdown/markdown-table';
import { bullet, paragraph } from '../markdown/wrap-prose';
import { runHeading } from '../run-heading';
import { runInfoShape } from '../run-info-schema';

const rowSchema = z.looseObject({
  workload: z.string(),
  tasks: z.array(z.string()).min(1),
  peer: z.string(),
  nanodollars: z.number().int().positive(),
  meanGrade: z.number(),
  calls: z.number().int(),
  cacheReadTokens: z.number().int(),
  cacheWriteTokens: z.number().int(),
  endings: z.array(z.string()),
});

/** The fields of results/peers-compare.json this section reads. */
export const peersCompareSchema = z.looseObject({
  ...runInfoShape,
  model: z.string(),
  versions: z.record(z.string(), z.string()),
  results: z.array(rowSchema).min(1),
});

/** {@link peersCompareSchema}'s type. */
export type PeersCompareResults = z.infer<typeof peersCompareSchema>;
type Row = z.infer<typeof rowSchema>;

/** The peers by the names the benchmark gives them. */
export const peerNames = {
  naive: 'naive loop (SDK, no cache)',
  aiSdk: 'Vercel AI SDK generateText',
  langGraph: 'LangGraph createReactAgent',
  runAgent: 'Bursar runAgent (cache + prune)',
  runTask: 'Bursar runTask auto',
  runTaskPrune: 'Bursar runTask auto + prune',
} as const;

interface Workload {
  readonly name: string;
  readonly tasks: readonly string[];
  readonly peers: ReadonlyMap<string, Row>;
}

function peer(workload: Workload, name: string): Row {
  const row = workload.peers.get(name);
  if (row === undefined) {
    throw new Error(`results/peers-compare.json: no "${name}" row for ${workload.name}`);
  }
  return row;
}

function version(results: PeersCompareResults, name: string): string {
  return results.versions[name] ?? '(version not recorded)';
}

interface Total {
  readonly peer: string;
  readonly nanodollars: number;
  readonly meanGrade: number;
}

/** Every peer's totals over the whole sample; the grade is the mean over tasks. */
function totals(workloads: readonly Workload[], names: readonly string[]): Total[] {
  const tasks = workloads.reduce((sum, workload) => sum + workload.tasks.length, 0);
  return names.map((name) => {
    let nanodollars = 0;
    let graded = 0;
    for (const workload of workloads) {
      const row = peer(workload, name);
      nanodollars += row.nanodollars;
      graded += row.meanGrade * workload.tasks.length;
    }
    return { peer: name, nanodollars, meanGrade: graded / tasks };
  });
}

/**
 * The peers section: the same tasks through a naive SDK loop, the Vercel AI
 * SDK, LangGraph and Bursar, each at its defaults, by the simulator's invoice
 * and grade.
 *
 * @example
 * ```ts
 * renderPeersCompareSection(parseResults(file, peersCompareSchema, json));
 * ```
 */
export function renderPeersCompareSection(results: PeersCompareResults): string {
  const names = [...new Set(results.results.map((row) => row.peer))];
  const workloads: Workload[] = [...new Set(results.results.map((row) => row.workload))].map(
    (name) => {
      const rows = results.results.filter((row) => row.workload === name);
      return {
        name,
        tasks: rows[0]?.tasks ?? [],
        peers: new Map(rows.map((row) => [row.peer, row])),
      };
    },
  );
  const all = totals(workloads, names);
  const total = (name: string): number =>
    all.find((entry) => entry.peer === name)?.nanodollars ?? Number.NaN;
  const naiveTotal = total(peerNames.naive);
  const runTaskTotal = total(peerNames.runTask);

  const rows = [
    ...workloads.flatMap((workload) => {
      const naive = peer(workload, peerNames.naive);
      const runTask = peer(workload, peerNames.runTask);
      return names.map((name) => {
        const row = peer(workload, name);
        return [
          workload.name,
          name,
          usd(row.nanodollars),
          row.meanGrade.toFixed(3),
          count(row.calls),
          ratio(naive.nanodollars / row.nanodollars),
          ratio(row.nanodollars / runTask.nanodollars),
        ];
      });
    }),
    ...all.map((entry) => [
      'all',
      entry.peer,
      usd(entry.nanodollars),
      entry.meanGrade.toFixed(3),
      '-',
      ratio(naiveTotal / entry.nanodollars),
      ratio(entry.nanodollars / runTaskTotal),
    ]),
  ];

  const sample = workloads.map((workload) =>
    workload.tasks.length === 1
      ? `1 task of ${workload.name} (${workload.tasks.join('')}, ${count(peer(workload, peerNames.naive).calls)} calls)`
      : `${count(workload.tasks.length)} tasks of ${workload.name}`,
  );

  // The frameworks at their defaults against the naive loop.
  const frameworks = [peerNames.aiSdk, peerNames.langGraph].filter((name) => names.includes(name));
  const frameworkRows = workloads.flatMap((workload) =>
    frameworks.map((name) => ({ workload, row: peer(workload, name) })),
  );
  const noCache = frameworkRows.every(
    ({ row }) => row.cacheReadTokens === 0 && row.cacheWriteTokens === 0,
  );
  const sameBill = frameworkRows.filter(
    ({ workload, row }) => row.nanodollars === peer(workload, peerNames.naive).nanodollars,
  );
  const frameworkText =
    (noCache
      ? 'At their defaults the AI SDK and LangGraph send no `cache_control`: no token of theirs was read from or written to the cache'
      : 'At their defaults the AI SDK and LangGraph read or wrote the cache on some workloads') +
    (sameBill.length === frameworkRows.length
      ? ", and their bills equal the naive loop's to the nano-dollar on every workload (the same prompts, so the same answers)."
      : `; their bills equal the naive loop's on ${ofTotal(sameBill.length, frameworkRows.length)} framework-workload pairs.`);
  const sameGrade = workloads.filter((workload) => {
    const grades = new Set([...workload.peers.values()].map((row) => row.meanGrade));
    return grades.size === 1;
  });
  const partial = workloads.flatMap((workload) => {
    const grade = peer(workload, peerNames.naive).meanGrade;
    return grade < 1 ? [`${grade.toFixed(3)} on ${workload.name}`] : [];
  });
  const gradeText =
    sameGrade.length === workloads.length
      ? ` Every peer got the same grade on every workload${partial.length > 0 ? ` (${joinWords(partial)} for all)` : ''}.`
      : ` Every peer got the same grade on ${ofTotal(sameGrade.length, workloads.length)} workloads.`;

  // Bursar's agent loop against the naive loop.
  const byGain = workloads
    .map((workload) => ({
      workload,
      gain:
        peer(workload, peerNames.naive).nanodollars /
        peer(workload, peerNames.runAgent).nanodollars,
    }))
    .sort((left, right) => right.gain - left.gain);
  const lowest = byGain.at(-1);
  const agentText =
    `Bursar's agent loop costs ${ratio(naiveTotal / total(peerNames.runAgent))} less than the naive loop over the sample: ` +
    joinWords(byGain.map(({ workload, gain }) => `${ratio(gain)} on ${workload.name}`)) +
    (lowest === undefined
      ? '.'
      : ` (${lowest.workload.name} takes ${count(peer(lowest.workload, peerNames.naive).calls / lowest.workload.tasks.length, 1)} calls a task in the naive loop${lowest.gain < 1.5 ? ', too few for a cache to pay much' : ''}).`);

  // runTask auto against runAgent.
  const runAgentTotal = total(peerNames.runAgent);
  const single = workloads.filter((workload) =>
    peer(workload, peerNames.runTask).endings.every((ending) => ending.includes('single')),
  );
  const fanned = workloads.filter((workload) =>
    peer(workload, peerNames.runTask).endings.some((ending) => ending.includes('fanOut')),
  );
  const sameCache = single.filter((workload) => {
    const pruned = peer(workload, peerNames.runTaskPrune);
    const agent = peer(workload, peerNames.runAgent);
    return (
      pruned.cacheReadTokens === agent.cacheReadTokens &&
      pruned.cacheWriteTokens === agent.cacheWriteTokens
    );
  });
  const extras = sameCache.map((workload) => {
    const pruned = peer(workload, peerNames.runTaskPrune);
    const agent = peer(workload, peerNames.runAgent);
    return `${usd(pruned.nanodollars - agent.nanodollars)} more on ${workload.name} (${count((pruned.calls - agent.calls) / workload.tasks.length, 1)} more calls a task)`;
  });
  const runTaskText =
    `\`runTask\` auto costs ${ratio(runTaskTotal / runAgentTotal)} what one \`runAgent\` does (${usd(runTaskTotal)} against ${usd(runAgentTotal)}). ` +
    (single.length > 0
      ? `It ran one agent on every task of ${joinWords(single.map((workload) => workload.name))}, so what it adds there is the calls before the work (triage, and the plan where it makes one)` +
        (sameCache.length > 0
          ? `: with pruning, its runs read from and wrote to the cache exactly what \`runAgent\`'s did on ${joinWords(sameCache.map((workload) => workload.name))}, and cost ${joinWords(extras)}.`
          : '.')
      : '');
  const aboveNaive = workloads.filter(
    (workload) =>
      peer(workload, peerNames.runTask).nanodollars > peer(workload, peerNames.naive).nanodollars,
  );
  const aboveNaiveText =
    aboveNaive.length === 0
      ? ''
      : ` On ${joinWords(aboveNaive.map((workload) => `${workload.name} (naive / this ${ratio(peer(workload, peerNames.naive).nanodollars / peer(workload, peerNames.runTask).nanodollars)})`))} they put it above the naive loop.`;

  const fanTexts = fanned.map((workload) => {
    const auto = peer(workload, peerNames.runTask);
    const pruned = peer(workload, peerNames.runTaskPrune);
    const agent = peer(workload, peerNames.runAgent);
    const dearer = pruned.nanodollars > agent.nanodollars;
    return (
      `On ${workload.name} auto fans out: ${usd(auto.nanodollars)}, or ${usd(pruned.nanodollars)} with pruning, ` +
      (dearer
        ? `which costs more than one pruned agent (\`runAgent\`, ${usd(agent.nanodollars)}): the decision forecasts an unpruned context (\`decideShape\` and the work estimates take no \`context\` option).`
        : `no more than one pruned agent (\`runAgent\`, ${usd(agent.nanodollars)}).`)
    );
  });
  const pruneAsked = single
    .map((workload) => ({
      workload,
      auto: peer(workload, peerNames.runTask),
      pruned: peer(workload, peerNames.runTaskPrune),
    }))
    .filter(({ auto, pruned }) => pruned.nanodollars < auto.nanodollars);
  const pruneText =
    pruneAsked.length === 0
      ? undefined
      : `Its working agents do not prune unless asked: ${joinWords(pruneAsked.map(({ workload, auto, pruned }) => `${workload.name} ${usd(auto.nanodollars)}, ${usd(pruned.nanodollars)} with pruning`))}.`;

  return joinBlocks([
    runHeading({
      title: 'Peers at equal grade',
      script: 'peers-compare',
      resultsFile: 'peers-compare.json',
      run: results,
    }),
    paragraph(
      `Every peer works the same tasks against one simulator over HTTP on 127.0.0.1 (zero latency, ${results.model}), ` +
        "reset before each task: a run's cost is what the simulator invoiced for it, its grade the simulator's. " +
        `The sample: ${joinWords(sample)}.`,
    ),
    list([
      bullet(
        `**naive loop**: the official SDK (${version(results, '@anthropic-ai/sdk')}), no cache breakpoints, the whole conversation resent each turn.`,
      ),
      bullet(
        `**Vercel AI SDK**: \`ai\` ${version(results, 'ai')} with \`@ai-sdk/anthropic\` ${version(results, '@ai-sdk/anthropic')}, ` +
          "`generateText` with the tools and `stopWhen: stepCountIs(n)` at the workload's turn cap; its defaults otherwise (no cache control, its own `max_tokens`).",
      ),
      bullet(
        `**LangGraph**: \`@langchain/langgraph\` ${version(results, '@langchain/langgraph')}'s prebuilt \`createReactAgent\` ` +
          `(marked deprecated in favour of \`langchain\`'s \`createAgent\`) on \`@langchain/anthropic\` ${version(results, '@langchain/anthropic')}'s ` +
          `\`ChatAnthropic\` with \`anthropicApiUrl\` set to the simulator, \`@langchain/core\` ${version(results, '@langchain/core')}. ` +
          'Its defaults, except `recursionLimit`, raised to two graph steps a turn: the default ends a long tool loop early with a `GraphRecursionError`.',
      ),
      bullet(
        "**Bursar runAgent**: the system cached for an hour, the conversation's end for five minutes, used tool results pruned.",
      ),
      bullet('**Bursar runTask auto**: at its defaults, and with `context: { prune: true }`.'),
    ]),
    paragraph("The frameworks' own retries are off (`maxRetries: 0`); no fault is injected."),
    markdownTable(
      ['workload', 'peer', 'cost', 'grade', 'calls', 'naive / this', 'this / runTask'],
      rows,
    ),
    'What it says:',
    list([
      frameworks.length > 0 && bullet(`${frameworkText}${gradeText}`),
      bullet(agentText),
      bullet(`${runTaskText}${aboveNaiveText}`),
      pruneText !== undefined && bullet(pruneText),
      ...fanTexts.map((text) => bullet(text)),
    ]),
    earlierRuns([
      'Before commit e1ca4e7 rebuilt the shape decision from measured priors, `runTask` auto cost 1.38x what `runAgent` did ($3.0026 over the sample): it fanned the parallel tasks out (naive / this 0.74x on ParallelQA) and ran one agent on the tool loops ($1.1324).',
      'Two runs of this command, before and after commit f0bcb42 split run-task.ts up (no behaviour change), gave the same figures to the nano-dollar.',
    ]),
  ]);
}

/** The peers section of docs/benchmarks.md. */
export const peersCompareSection = benchmarkSection(
  'peers-compare.json',
  peersCompareSchema,
  renderPeersCompareSection,
);
