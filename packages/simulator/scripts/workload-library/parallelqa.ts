/**
 * `parallelqa.json`: 40 ParallelQA questions (LLMCompiler), each `branch`
 * independent lookups followed by arithmetic over their figures.
 */
import * as z from 'zod';
import type { WorkloadInput } from '../../src/workloads/workload-schema';
import { groupThousands, seededInteger } from './deterministic';

/** `llmcompiler_parallel_tasks.json`, read at the boundary: the ParallelQA part. */
export const llmcompilerFileSchema = z.object({
  source: z.object({ repo: z.string(), commit: z.string() }),
  parallelqa: z.array(
    z.object({
      id: z.string(),
      question: z.string(),
      answer: z.string(),
      branch: z.number().int(),
    }),
  ),
});

type LlmcompilerFile = z.infer<typeof llmcompilerFileSchema>;
type Item = LlmcompilerFile['parallelqa'][number];
type TaskInput = WorkloadInput['tasks'][number];

const perBranch = 10;
const branches = [2, 3, 4, 5] as const;

/** Capitalized words the questions start clauses with: never part of a name. */
const leadingWords = new Set(
  (
    'If Given With After Considering Take Assuming What Which Among Calculate Determine ' +
    'Identify Suppose In Out Upon Factoring Compute The Answer Taking Find'
  ).split(' '),
);

function isOpener(word: string): boolean {
  return leadingWords.has(word) || word === 'of' || word === 'the';
}

/** The few entities the questions name in lower case. */
const lowerCaseEntities = ['peregrine falcon', 'cheetah', 'greyhound', 'gazelle', 'ostrich'];

/** The measured attribute, by the first keyword of the question that names one. */
const attributes: readonly { pattern: RegExp; name: string; unit: string }[] = [
  { pattern: /population/i, name: 'population', unit: 'people' },
  { pattern: /trench|depth|deeper|shallower/i, name: 'depth', unit: 'm' },
  { pattern: /river|length|longer/i, name: 'length', unit: 'km' },
  { pattern: /desert|forest|ocean|area|size/i, name: 'area', unit: 'km²' },
  { pattern: /speed|faster|velocity|sprint|slowest|slower/i, name: 'top speed', unit: 'km/h' },
  { pattern: /./, name: 'height', unit: 'm' },
];

/** A plausible range for the invented figure, by the kind of entity (first match wins). */
const ranges: readonly { pattern: RegExp; min: number; max: number }[] = [
  { pattern: /Trench/, min: 7_000, max: 11_000 },
  { pattern: /^(?:Mount|K2|Aconcagua)/, min: 4_000, max: 8_900 },
  { pattern: /River/, min: 2_000, max: 6_900 },
  { pattern: /Ocean/, min: 14_000_000, max: 170_000_000 },
  { pattern: /Desert/, min: 100_000, max: 9_500_000 },
  { pattern: /Forest|Rainforest/, min: 5_000, max: 6_000_000 },
  { pattern: /^[a-z]/, min: 55, max: 390 },
  {
    pattern: /Tower|Building|Khalifa|Skytree|Statue|Monument|Redeemer|Daibutsu|Calls/,
    min: 30,
    max: 830,
  },
  { pattern: /./, min: 5_000_000, max: 1_420_000_000 },
];

/**
 * Builds the ParallelQA workload: for each branch count 2 to 5, ten questions
 * spread evenly (by id) over those in which exactly `branch` entities can be
 * named. Entity
 * names come from the questions: runs of capitalized words (with inner "of" and
 * "the", as in "Statue of Unity"), gathered over all questions into a list so a
 * name written in lower case elsewhere ("Empire state building") is still
 * found, plus the five animals the questions name in lower case. The data has
 * no lookup values, so each lookup returns an invented figure; the real
 * answer is kept as a derived fact.
 */
export function buildParallelqaWorkload(data: LlmcompilerFile): WorkloadInput {
  const gazetteer = buildGazetteer(data.parallelqa);
  const tasks: TaskInput[] = [];
  for (const branch of branches) {
    const chosen = data.parallelqa
      .filter((item) => item.branch === branch)
      .map((item) => ({ item, entities: findEntities(item.question, gazetteer) }))
      .filter(({ entities }) => entities.length === branch);
    if (chosen.length < perBranch)
      throw new Error(`Only ${chosen.length} ParallelQA questions of branch ${branch} fit.`);
    // Spread over the branch: its questions run from comparisons to arithmetic.
    for (let index = 0; index < perBranch; index += 1) {
      const pick = chosen[Math.floor((index * chosen.length) / perBranch)];
      if (pick !== undefined) tasks.push(buildTask(pick.item, pick.entities));
    }
  }
  tasks.sort((a, b) => Number(a.id.split('-')[1]) - Number(b.id.split('-')[1]));

  return {
    format: 'bursar-workload/v1',
    id: 'parallelqa',
    title: 'ParallelQA: parallel lookups, then arithmetic',
    description:
      'Forty ParallelQA questions (ten each with 2, 3, 4 and 5 parallel lookups): each lookup ' +
      'is independent, so they can all run at once, and the answer needs arithmetic over all ' +
      'of them. The lookup figures are invented (the data has none), so they do not reproduce ' +
      'the recorded answers; the recorded answer is graded as a derived fact, known once every ' +
      'lookup is.',
    source: {
      name: 'ParallelQA (LLMCompiler, Kim et al., ICML 2024)',
      url: 'https://github.com/SqueezeAILab/LLMCompiler',
      license: 'MIT',
      attribution:
        'Questions and answers from datasets/parallelqa_dataset.json of SqueezeAILab/LLMCompiler ' +
        `(commit ${data.source.commit}), Copyright (c) 2023 Sehoon Kim, MIT License; from ` +
        '"An LLM Compiler for Parallel Function Calling" (Kim et al., ICML 2024). Entity names ' +
        'are extracted from the questions; the lookup figures are invented.',
    },
    systemPrompt:
      'You answer questions using only figures you find with the lookup tool. Look up every ' +
      'figure the question needs, then compute the answer from them.',
    tools: [
      {
        name: 'lookup',
        description:
          'Looks up the current figure for an entity (depth, height, length, area, population ' +
          'or top speed) in the reference table of a scenario, and returns it with its source ' +
          'notes as text.',
        input_schema: {
          type: 'object',
          properties: {
            entity: { type: 'string', description: 'The entity, e.g. "Mariana Trench".' },
            scenario: {
              type: 'string',
              description: 'The scenario whose reference table to read, e.g. "parallelqa-7".',
            },
          },
          required: ['entity', 'scenario'],
        },
      },
    ],
    tasks,
  };
}

function buildTask(item: Item, entities: readonly string[]): TaskInput {
  const attribute = attributes.find(({ pattern }) => pattern.test(item.question));
  if (attribute === undefined) throw new Error(`No attribute for ParallelQA ${item.id}.`);
  const steps = entities.map((entity, index) => {
    const seed = `parallelqa:${item.id}:${index}`;
    const range = ranges.find(({ pattern }) => pattern.test(entity)) ?? { min: 1, max: 99_999 };
    const value = seededInteger(seed, range.min, range.max);
    const fact = `${attribute.name} of ${entity} (ParallelQA ${item.id}): ${groupThousands(value)} ${attribute.unit}`;
    return {
      id: `lookup-${index + 1}`,
      question: `What is the ${attribute.name} of ${entity} in ParallelQA scenario ${item.id}?`,
      dependsOn: [],
      minimumLine: 'haiku' as const,
      toolCalls: [
        {
          tool: 'lookup',
          input: { entity, scenario: `parallelqa-${item.id}` },
          resultTokens: seededInteger(`${seed}:size`, 400, 1_200),
          resultFormat: 'text' as const,
          facts: [fact],
        },
      ],
      facts: [fact],
    };
  });
  return {
    id: `parallelqa-${item.id}`,
    prompt: `${item.question.trim()} Use the lookup tool for every figure you need.`,
    shape: 'parallel',
    answerFacts: [...steps.flatMap((step) => step.facts), item.answer.trim()],
    steps,
  };
}

function buildGazetteer(items: readonly Item[]): string[] {
  const names = new Set<string>(lowerCaseEntities);
  const phrase = /[A-Z][A-Za-z0-9-]*(?:\s+(?:(?:of|the)\s+)?[A-Z0-9][A-Za-z0-9-]*)*/g;
  for (const { question } of items) {
    for (const match of question.matchAll(phrase)) {
      const words = match[0].split(/\s+/);
      // "With the Sahara Desert" → "Sahara Desert": drop clause openers and the connectors after them.
      while (words.length > 0 && isOpener(words[0] ?? '')) words.shift();
      if (words.length > 0) names.add(words.join(' '));
    }
  }
  // Longest first, so "Empire State Building" wins over a bare "Empire".
  return [...names].sort((a, b) => b.length - a.length || a.localeCompare(b));
}

/** The gazetteer's names in the question, in order of appearance, each once. */
function findEntities(question: string, gazetteer: readonly string[]): string[] {
  const lower = question.toLowerCase();
  const taken: boolean[] = new Array<boolean>(question.length).fill(false);
  const found: { at: number; name: string }[] = [];
  for (const name of gazetteer) {
    const needle = name.toLowerCase();
    let at = lower.indexOf(needle);
    while (at >= 0) {
      const end = at + needle.length;
      const bounded =
        !/[a-z0-9]/i.test(lower[at - 1] ?? ' ') && !/[a-z0-9]/i.test(lower[end] ?? ' ');
      if (bounded && !taken.slice(at, end).some(Boolean)) {
        taken.fill(true, at, end);
        found.push({ at, name });
      }
      at = lower.indexOf(needle, at + 1);
    }
  }
  found.sort((a, b) => a.at - b.at);
  return [...new Set(found.map(({ name }) => name))];
}
