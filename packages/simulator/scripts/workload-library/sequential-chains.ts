/**
 * `sequential-chains.json`: 20 synthesized chains of 4 to 6 lookups, each
 * needing the answer of the one before (the architect of a building, then
 * where that architect was born, then the river through that city…), so
 * fan-out cannot help. Every name is invented.
 */
import type { SeededRandom } from '../../src/answer/seeded-random';
import type { WorkloadInput } from '../../src/workloads/workload-schema';
import { groupThousands, seededInteger, seededRandom } from './deterministic';

type TaskInput = WorkloadInput['tasks'][number];
type StepInput = NonNullable<TaskInput['steps']>[number];
type Kind = 'building' | 'person' | 'city' | 'river' | 'lake' | 'mountain' | 'company' | 'book';

/** A link of a chain: from an entity of one kind to a new entity of another. */
interface Relation {
  readonly name: string;
  readonly from: Kind;
  readonly to: Kind;
  /** The step as a subagent is asked it, about a named entity. */
  question(subject: string): string;
  /** The link inside the user's nested question ("the birthplace of …"). */
  phrase(subject: string): string;
  fact(subject: string, object: string): string;
}

/** The last link: a figure about the entity the chain arrived at. */
interface Measure {
  readonly name: string;
  readonly min: number;
  readonly max: number;
  question(subject: string): string;
  fact(subject: string, value: string): string;
}

const relations: readonly Relation[] = [
  link(
    'architect',
    'building',
    'person',
    (x) => `Who designed ${x}?`,
    (x) => `the architect of ${x}`,
    (x, y) => `${x} was designed by ${y}`,
  ),
  link(
    'birthplace',
    'person',
    'city',
    (x) => `Where was ${x} born?`,
    (x) => `the birthplace of ${x}`,
    (x, y) => `${x} was born in ${y}`,
  ),
  link(
    'founded',
    'person',
    'company',
    (x) => `Which company did ${x} found?`,
    (x) => `the company founded by ${x}`,
    (x, y) => `${x} founded ${y}`,
  ),
  link(
    'best-known book',
    'person',
    'book',
    (x) => `What is the best-known book by ${x}?`,
    (x) => `the best-known book by ${x}`,
    (x, y) => `${x} wrote ${y}`,
  ),
  link(
    'river',
    'city',
    'river',
    (x) => `Which river flows through ${x}?`,
    (x) => `the river that flows through ${x}`,
    (x, y) => `${y} flows through ${x}`,
  ),
  link(
    'landmark',
    'city',
    'building',
    (x) => `What is the best-known landmark of ${x}?`,
    (x) => `the best-known landmark of ${x}`,
    (x, y) => `${y} is the best-known landmark of ${x}`,
  ),
  link(
    'outflow lake',
    'river',
    'lake',
    (x) => `Which lake does ${x} drain into?`,
    (x) => `the lake that ${x} drains into`,
    (x, y) => `${x} drains into ${y}`,
  ),
  link(
    'source mountain',
    'river',
    'mountain',
    (x) => `On which mountain does ${x} rise?`,
    (x) => `the mountain where ${x} rises`,
    (x, y) => `${x} rises on ${y}`,
  ),
  link(
    'shore town',
    'lake',
    'city',
    (x) => `Which town lies on the shore of ${x}?`,
    (x) => `the town on the shore of ${x}`,
    (x, y) => `${y} lies on the shore of ${x}`,
  ),
  link(
    'first ascent',
    'mountain',
    'person',
    (x) => `Who first climbed ${x}?`,
    (x) => `the first person to climb ${x}`,
    (x, y) => `${x} was first climbed by ${y}`,
  ),
  link(
    'headquarters',
    'company',
    'city',
    (x) => `In which city is ${x} headquartered?`,
    (x) => `the headquarters city of ${x}`,
    (x, y) => `${x} is headquartered in ${y}`,
  ),
  link(
    'chief executive',
    'company',
    'person',
    (x) => `Who is the chief executive of ${x}?`,
    (x) => `the chief executive of ${x}`,
    (x, y) => `${y} is the chief executive of ${x}`,
  ),
  link(
    'publisher',
    'book',
    'company',
    (x) => `Who published ${x}?`,
    (x) => `the publisher of ${x}`,
    (x, y) => `${x} was published by ${y}`,
  ),
];

const measures: Readonly<Record<Kind, Measure>> = {
  building: measure(
    'height',
    40,
    480,
    (x) => `How tall is ${x}?`,
    (x, v) => `${x} is ${v} m tall`,
  ),
  person: measure(
    'birth year',
    1901,
    1994,
    (x) => `In which year was ${x} born?`,
    (x, v) => `${x} was born in the year ${v}`,
  ),
  city: measure(
    'population',
    18_000,
    3_900_000,
    (x) => `What is the population of ${x}?`,
    (x, v) => `${x} has a population of ${v}`,
  ),
  river: measure(
    'length',
    60,
    2_900,
    (x) => `How long is ${x}?`,
    (x, v) => `${x} is ${v} km long`,
  ),
  lake: measure(
    'depth',
    40,
    1_600,
    (x) => `How deep is ${x}?`,
    (x, v) => `${x} is ${v} m deep`,
  ),
  mountain: measure(
    'height',
    1_200,
    7_900,
    (x) => `How high is ${x}?`,
    (x, v) => `${x} is ${v} m high`,
  ),
  company: measure(
    'founding year',
    1851,
    2016,
    (x) => `In which year was ${x} founded?`,
    (x, v) => `${x} was founded in ${v}`,
  ),
  book: measure(
    'first edition year',
    1890,
    2021,
    (x) => `In which year was ${x} first published?`,
    (x, v) => `${x} was first published in ${v}`,
  ),
};

const startKinds: readonly Kind[] = [
  'building',
  'person',
  'city',
  'river',
  'mountain',
  'company',
  'book',
];

const onsets = [
  'b',
  'br',
  'c',
  'd',
  'dr',
  'f',
  'g',
  'h',
  'k',
  'l',
  'm',
  'n',
  'p',
  'r',
  's',
  't',
  'th',
  'v',
  'w',
  'z',
];
const vowels = ['a', 'e', 'i', 'o', 'u', 'ae', 'ei', 'ou'];
const codas = ['', '', 'n', 'r', 'l', 's', 'th', 'm', 'nd', 'rk'];

const taskCount = 20;

/** Builds the sequential-chains workload. */
export function buildSequentialChainsWorkload(): WorkloadInput {
  const random = seededRandom('sequential-chains');
  const names = new NameBook(random);
  const tasks: TaskInput[] = [];
  for (let index = 0; index < taskCount; index += 1) tasks.push(buildTask(index, random, names));
  return {
    format: 'bursar-workload/v1',
    id: 'sequential-chains',
    title: 'Sequential chains: each lookup needs the one before',
    description:
      'Twenty synthesized chains of 4 to 6 lookups ("the lake that the river through the ' +
      'birthplace of the architect of X drains into"): every step needs the answer of the ' +
      'step before, so there is nothing to fan out. Steps alternate between haiku- and ' +
      'sonnet-level, and a quarter of the tasks have one step only opus does right. The final ' +
      'answer is graded on every link of the chain. Every name and figure is invented.',
    source: {
      name: 'Synthetic (Bursar)',
      license: 'MIT',
      attribution:
        'Generated by packages/simulator/scripts/build-workloads.ts from a fixed seed; no ' +
        'external data.',
    },
    systemPrompt:
      'You answer questions using only facts you find with the lookup tool. Follow the chain ' +
      'one link at a time: each lookup needs the answer of the one before.',
    tools: [
      {
        name: 'lookup',
        description:
          'Looks up one relation of a named entity (who designed a building, where a person ' +
          'was born, which river flows through a city, how deep a lake is…) in a gazetteer ' +
          'and returns the entry as text.',
        input_schema: {
          type: 'object',
          properties: {
            entity: { type: 'string', description: 'The entity, exactly as named.' },
            relation: {
              type: 'string',
              enum: [
                ...relations.map((relation) => relation.name),
                ...new Set(Object.values(measures).map((item) => item.name)),
              ],
              description: 'What to look up about it.',
            },
          },
          required: ['entity', 'relation'],
        },
      },
    ],
    tasks,
  };
}

function buildTask(index: number, random: SeededRandom, names: NameBook): TaskInput {
  const depth = 4 + (index % 3);
  const opusStep = index % 4 === 3 ? Math.floor(depth / 2) : -1;
  let kind = random.pick(startKinds);
  let subject = names.next(kind);
  let phrase = subject;
  const steps: StepInput[] = [];
  const taskId = `chain-${String(index + 1).padStart(2, '0')}`;
  for (let position = 0; position < depth; position += 1) {
    const id = `link-${position + 1}`;
    const minimumLine =
      position === opusStep
        ? 'opus'
        : position % 2 === 0
          ? ('haiku' as const)
          : ('sonnet' as const);
    const seed = `${taskId}:${id}`;
    if (position === depth - 1) {
      const last = measures[kind];
      const value = seededInteger(`${seed}:value`, last.min, last.max);
      const shown = last.name.endsWith('year') ? String(value) : groupThousands(value);
      steps.push(
        step(
          id,
          seed,
          last.question(subject),
          subject,
          last.name,
          last.fact(subject, shown),
          steps,
          minimumLine,
        ),
      );
      return {
        id: taskId,
        prompt: `${capitalize(last.question(phrase)).replace(/\?$/, '')}? Use the lookup tool one link at a time, and state each link you find.`,
        shape: 'sequential',
        answerFacts: steps.flatMap((each) => each.facts ?? []),
        steps,
      };
    }
    const options = relations.filter((relation) => relation.from === kind);
    const relation = random.pick(options);
    const object = names.next(relation.to);
    steps.push(
      step(
        id,
        seed,
        relation.question(subject),
        subject,
        relation.name,
        relation.fact(subject, object),
        steps,
        minimumLine,
      ),
    );
    phrase = relation.phrase(phrase);
    subject = object;
    kind = relation.to;
  }
  throw new Error('unreachable: the loop returns at its last link');
}

function step(
  id: string,
  seed: string,
  question: string,
  entity: string,
  relation: string,
  fact: string,
  before: readonly StepInput[],
  minimumLine: 'haiku' | 'sonnet' | 'opus',
): StepInput {
  const previous = before.at(-1);
  return {
    id,
    question,
    dependsOn: previous === undefined ? [] : [previous.id],
    minimumLine,
    toolCalls: [
      {
        tool: 'lookup',
        input: { entity, relation },
        resultTokens: seededInteger(`${seed}:size`, 400, 1_500),
        resultFormat: 'text',
        facts: [fact],
      },
    ],
    facts: [fact],
  };
}

/** Invented names, each used once in the workload. */
class NameBook {
  private readonly random: SeededRandom;
  private readonly used = new Set<string>();

  constructor(random: SeededRandom) {
    this.random = random;
  }

  next(kind: Kind): string {
    for (let attempt = 0; attempt < 1_000; attempt += 1) {
      const name = this.compose(kind);
      if (this.used.has(name)) continue;
      this.used.add(name);
      return name;
    }
    throw new Error(`Ran out of ${kind} names.`);
  }

  private compose(kind: Kind): string {
    const word = (syllables: number): string => capitalize(this.word(syllables));
    switch (kind) {
      case 'building':
        return `the ${word(3)} ${this.random.pick(['Observatory', 'Library', 'Opera House', 'Tower', 'Bridge'])}`;
      case 'person':
        return `${word(2)} ${word(3)}`;
      case 'city':
        return `${word(2)}${this.random.pick(['port', 'burg', 'ford', 'holm', 'ton', 'vale'])}`;
      case 'river':
        return `the ${word(2)} River`;
      case 'lake':
        return `Lake ${word(2)}`;
      case 'mountain':
        return `Mount ${word(3)}`;
      case 'company':
        return `${word(2)} ${this.random.pick(['Instruments', 'Shipping', 'Mills', 'Telegraph', 'Optics'])}`;
      case 'book':
        return `"The ${this.random.pick(['Amber', 'Silent', 'Northern', 'Salt', 'Glass', 'Iron'])} ${this.random.pick(['Ledger', 'Almanac', 'Harbour', 'Orchard', 'Winter', 'Cartographer'])} of ${word(2)}"`;
    }
  }

  private word(syllables: number): string {
    let text = '';
    for (let index = 0; index < syllables; index += 1)
      text += this.random.pick(onsets) + this.random.pick(vowels);
    return text + this.random.pick(codas);
  }
}

function link(
  name: string,
  from: Kind,
  to: Kind,
  question: (subject: string) => string,
  phrase: (subject: string) => string,
  fact: (subject: string, object: string) => string,
): Relation {
  return {
    name,
    from,
    to,
    question: (x) => capitalize(question(x)),
    phrase,
    fact: (x, y) => capitalize(fact(x, y)),
  };
}

function measure(
  name: string,
  min: number,
  max: number,
  question: (subject: string) => string,
  fact: (subject: string, value: string) => string,
): Measure {
  return {
    name,
    min,
    max,
    question: (x) => capitalize(question(x)),
    fact: (x, v) => capitalize(fact(x, v)),
  };
}

function capitalize(text: string): string {
  return text.length === 0 ? text : text.charAt(0).toUpperCase() + text.slice(1);
}
