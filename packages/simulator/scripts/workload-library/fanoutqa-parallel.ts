/**
 * `fanoutqa-parallel.json`: 40 FanOutQA dev questions as list-then-fan-out or
 * parallel tasks, one `search` call per sub-question. The data is CC BY-SA 4.0,
 * so the fixture keeps that license and names the source.
 */
import * as z from 'zod';
import type { WorkloadInput } from '../../src/workloads/workload-schema';
import { seededInteger } from './deterministic';

/** A FanOutQA answer: a scalar, a list, or a table keyed by name. */
type Answer = string | number | boolean | null | Answer[] | { [key: string]: Answer };

const answerSchema: z.ZodType<Answer> = z.lazy(() =>
  z.union([
    z.string(),
    z.number(),
    z.boolean(),
    z.null(),
    z.array(answerSchema),
    z.record(z.string(), answerSchema),
  ]),
);

const subquestionSchema = z.object({
  id: z.string(),
  question: z.string(),
  depends_on: z.array(z.string()),
  is_leaf: z.boolean(),
  answer: answerSchema,
});

/** `fanoutqa_dev_decompositions.json`, read at the boundary: the fields the fixture uses. */
export const fanoutqaFileSchema = z.object({
  source: z.object({ repo: z.string(), commit: z.string(), path: z.string() }),
  questions: z.array(
    z.object({
      id: z.string(),
      question: z.string(),
      answer: answerSchema,
      sequential_depth: z.number().int(),
      max_parallel_width: z.number().int(),
      subquestions: z.array(subquestionSchema),
    }),
  ),
});

type FanoutqaFile = z.infer<typeof fanoutqaFileSchema>;
type Question = FanoutqaFile['questions'][number];
type Subquestion = Question['subquestions'][number];
type TaskInput = WorkloadInput['tasks'][number];

const taskCount = 40;

/** Strings a grader would find in almost any answer: never a fact on their own. */
const commonWords = new Set([
  'yes',
  'no',
  'true',
  'false',
  'none',
  'null',
  'n/a',
  'na',
  'unknown',
  'the',
  'and',
  'or',
]);

/** A candidate fact: the value as the data has it, and whether it says anything alone. */
interface RawFact {
  readonly text: string;
  /**
   * `value`: a scalar answer; `item`: an element of a list answer (a name the
   * other sub-questions are about, so it stays bare); `keyed`: already
   * `key: value`; `boolean`: a yes/no that needs its question.
   */
  readonly kind: 'value' | 'item' | 'keyed' | 'boolean';
}

/**
 * Builds the FanOutQA workload. Questions are taken in file order: the first
 * 40 with a parallel width of 3 to 8 and a depth of 1 or 2 whose
 * sub-questions are all leaves (the data flattens composite sub-questions
 * into their parts without linking them, so those questions are skipped) and
 * whose sub-question texts no earlier chosen question already uses.
 */
export function buildFanoutqaWorkload(data: FanoutqaFile): WorkloadInput {
  const tasks: TaskInput[] = [];
  const usedQuestions = new Set<string>();
  for (const question of data.questions) {
    if (tasks.length === taskCount) break;
    if (question.max_parallel_width < 3 || question.max_parallel_width > 8) continue;
    if (question.sequential_depth !== 1 && question.sequential_depth !== 2) continue;
    if (!question.subquestions.every((sub) => sub.is_leaf)) continue;
    const texts = question.subquestions.map((sub) => sub.question);
    if (new Set(texts).size !== texts.length || texts.some((text) => usedQuestions.has(text)))
      continue;
    const task = buildTask(question);
    if (task === undefined) continue;
    for (const text of texts) usedQuestions.add(text);
    tasks.push(task);
  }
  if (tasks.length < taskCount)
    throw new Error(`Only ${tasks.length} FanOutQA questions fit; ${taskCount} are needed.`);

  const commit = data.source.commit;
  return {
    format: 'bursar-workload/v1',
    id: 'fanoutqa-parallel',
    title: 'FanOutQA: list then fan out',
    description:
      'Forty FanOutQA dev questions, each decomposed into its sub-questions: usually one list ' +
      'lookup (the root, which needs a capable model to enumerate) and one independent search ' +
      'per item. Each sub-question is one search call whose result carries its answer. The ' +
      'final answer is graded on the answers of the sub-questions nothing depends on.',
    source: {
      name: 'FanOutQA (Zhu et al., ACL 2024)',
      url: 'https://github.com/zhudotexe/fanoutqa',
      license: 'CC BY-SA 4.0',
      attribution:
        'This fixture is derived from the FanOutQA dev set (zhudotexe/fanoutqa, ' +
        `${data.source.path} at commit ${commit}) by Andrew Zhu, Alyssa Hwang, Liam Dugan and ` +
        'Chris Callison-Burch, "FanOutQA: A Multi-Hop, Multi-Document Question Answering ' +
        'Benchmark for Large Language Models", ACL 2024. The questions, sub-questions, their ' +
        'dependencies and answers are theirs; the tool-result sizes and the rendering of answers ' +
        'as fact strings are ours. Like its source, this fixture is licensed CC BY-SA 4.0 ' +
        '(https://creativecommons.org/licenses/by-sa/4.0/).',
    },
    systemPrompt:
      'You answer questions using only facts you find with the search tool. Search once for ' +
      'each sub-question, then answer with every fact the question asks for.',
    tools: [
      {
        name: 'search',
        description:
          'Searches an encyclopedia and returns the passage that best answers the query as text.',
        input_schema: {
          type: 'object',
          properties: {
            query: { type: 'string', description: 'A self-contained question.' },
          },
          required: ['query'],
        },
      },
    ],
    tasks,
  };
}

function buildTask(question: Question): TaskInput | undefined {
  const subs = question.subquestions;
  const dependedOn = new Set(subs.flatMap((sub) => sub.depends_on));
  const facts = renderStepFacts(question);
  if (facts === undefined) return undefined;
  const steps = subs.map((sub) => {
    const stepFacts = facts.get(sub.id) ?? [];
    return {
      id: sub.id,
      question: sub.question,
      dependsOn: sub.depends_on,
      minimumLine: dependedOn.has(sub.id) ? ('sonnet' as const) : ('haiku' as const),
      toolCalls: [
        {
          tool: 'search',
          input: { query: sub.question },
          resultTokens: seededInteger(`fanoutqa:${sub.id}`, 600, 2_500),
          resultFormat: 'text' as const,
          facts: stepFacts,
        },
      ],
      facts: stepFacts,
    };
  });
  const leafFacts = unique(
    steps.filter((step) => !dependedOn.has(step.id)).flatMap((step) => step.facts),
  );
  return {
    id: `fanoutqa-${question.id}`,
    prompt: `${withEndMark(question.question)} Use the search tool.`,
    shape: dependedOn.size > 0 ? 'list-then-fan-out' : 'parallel',
    answerFacts: [...leafFacts, ...derivedFacts(question.answer, leafFacts)],
    steps,
  };
}

/**
 * Each sub-question's answer as fact strings. A value that says something on
 * its own stays bare ("Left", "$1.027 billion"); one that does not (a yes/no,
 * a one- or two-digit number, a common word) or that another fact of the task
 * repeats or contains ("Left" twice, "Magnolia" inside "White Magnolia")
 * gets its subject: "Mark Mulder: Left", with the subject the list item or
 * answer key the sub-question names, else the sub-question itself. Items of
 * a list answer stay bare (two characters will do): they are the names the
 * other sub-questions are about.
 */
function renderStepFacts(question: Question): Map<string, string[]> | undefined {
  const raw = new Map(question.subquestions.map((sub) => [sub.id, rawFacts(sub.answer)]));
  const bare = [...raw.values()].flat().map((fact) => fact.text);
  const subjects = subjectCandidates(question);
  const rendered = new Map<string, string[]>();
  for (const sub of question.subquestions) {
    const facts = (raw.get(sub.id) ?? []).map((fact) => {
      if (fact.kind === 'keyed') return fact.text;
      if (fact.kind === 'boolean') return `${stripQuestionMark(sub.question)}: ${fact.text}`;
      if (fact.kind === 'item' && !isWeak(fact.text, 2)) return fact.text;
      if (!isWeak(fact.text, 3) && !isAmbiguous(fact.text, bare)) return fact.text;
      return `${subjectOf(sub, subjects)}: ${fact.text}`;
    });
    if (facts.length === 0 || facts.some((fact) => fact.length < 2)) return undefined;
    rendered.set(sub.id, unique(facts));
  }
  // A subject shared by two sub-questions with the same value (rare): fall back to the question.
  const all = [...rendered.values()].flat();
  for (const sub of question.subquestions) {
    const facts = rendered.get(sub.id) ?? [];
    rendered.set(
      sub.id,
      facts.map((fact) =>
        all.filter((other) => other === fact).length > 1
          ? `${stripQuestionMark(sub.question)}: ${fact.slice(fact.indexOf(': ') + 2)}`
          : fact,
      ),
    );
  }
  return rendered;
}

function rawFacts(answer: Answer): RawFact[] {
  if (answer === null) return [];
  if (Array.isArray(answer))
    return answer.flatMap((item) =>
      rawFacts(item).map((fact) => (fact.kind === 'value' ? { ...fact, kind: 'item' } : fact)),
    );
  if (typeof answer === 'object')
    return Object.entries(answer).map(([key, value]) => ({
      text: `${key.trim()}: ${scalarText(value)}`,
      kind: 'keyed',
    }));
  if (typeof answer === 'boolean') return [{ text: answer ? 'yes' : 'no', kind: 'boolean' }];
  return [{ text: scalarText(answer), kind: 'value' }];
}

function scalarText(value: Answer): string {
  if (value === null) return 'none';
  if (Array.isArray(value)) return value.map((item) => scalarText(item)).join(', ');
  if (typeof value === 'object')
    return Object.entries(value)
      .map(([key, item]) => `${key}: ${scalarText(item)}`)
      .join(', ');
  if (typeof value === 'boolean') return value ? 'yes' : 'no';
  return String(value).trim();
}

/** Too short, a common word, or a small number: found in almost any answer. */
function isWeak(text: string, minimumLength: number): boolean {
  return (
    text.length < minimumLength || commonWords.has(text.toLowerCase()) || /^\d{1,2}$/.test(text)
  );
}

/** Another fact of the task equals or contains this one, so finding it proves nothing. */
function isAmbiguous(text: string, all: readonly string[]): boolean {
  return all.filter((other) => other === text || other.includes(text)).length > 1;
}

/** Names a sub-question can be about: list items and table keys of the task's answers. */
function subjectCandidates(question: Question): string[] {
  const names: string[] = [];
  const collect = (answer: Answer): void => {
    if (Array.isArray(answer)) {
      for (const item of answer) if (typeof item === 'string') names.push(item.trim());
    } else if (answer !== null && typeof answer === 'object') {
      names.push(...Object.keys(answer).map((key) => key.trim()));
    }
  };
  collect(question.answer);
  for (const sub of question.subquestions) collect(sub.answer);
  return unique(names.filter((name) => name.length >= 2)).sort((a, b) => b.length - a.length);
}

function subjectOf(sub: Subquestion, candidates: readonly string[]): string {
  const text = sub.question.toLowerCase();
  return (
    candidates.find((name) => text.includes(name.toLowerCase())) ?? stripQuestionMark(sub.question)
  );
}

/**
 * Facts of a final answer that no lookup carries literally (a count, a pick
 * among the items): derived facts, known once every lookup is. Only those that
 * say something on their own are kept.
 */
function derivedFacts(answer: Answer, leafFacts: readonly string[]): string[] {
  if (answer === null || typeof answer === 'boolean') return [];
  if (!Array.isArray(answer) && typeof answer === 'object') return [];
  return unique(
    rawFacts(answer)
      .map((fact) => fact.text)
      .filter((text) => !isWeak(text, 3) && !leafFacts.some((leaf) => leaf.includes(text))),
  );
}

/** A question as the user would end it (two in the data lack their question mark). */
function withEndMark(text: string): string {
  const trimmed = text.trim();
  return /[?.!]$/.test(trimmed) ? trimmed : `${trimmed}?`;
}

function stripQuestionMark(text: string): string {
  return text.trim().replace(/\s*\?$/, '');
}

function unique(items: readonly string[]): string[] {
  return [...new Set(items)];
}
