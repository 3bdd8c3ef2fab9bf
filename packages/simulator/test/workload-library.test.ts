import { readFileSync, readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createTokenCounter } from '../src/tokens/token-counter';
import { callKey, createWorkloadTools } from '../src/workloads/workload-tools';
import {
  workloadSchema,
  type Workload,
  type WorkloadTask,
  type WorkloadToolCall,
} from '../src/workloads/workload-schema';

// The shipped library (packages/simulator/workloads), as built by scripts/build-workloads.ts.
const folder = new URL('../workloads/', import.meta.url);
const files = readdirSync(folder)
  .filter((name) => name.endsWith('.json'))
  .sort();
const generated = [
  'fanoutqa-parallel.json',
  'parallelqa.json',
  'sequential-chains.json',
  'tool-loops.json',
];

const parsed = new Map<string, Workload>();
function load(file: string): Workload {
  let workload = parsed.get(file);
  if (workload === undefined) {
    workload = workloadSchema.parse(JSON.parse(readFileSync(new URL(file, folder), 'utf8')));
    parsed.set(file, workload);
  }
  return workload;
}

/** Duplicated keys, each once. */
function duplicates(keys: readonly string[]): string[] {
  const seen = new Set<string>();
  const repeated = new Set<string>();
  for (const key of keys) (seen.has(key) ? repeated : seen).add(key);
  return [...repeated];
}

/** The longest dependency chain of a task, in steps; throws on a cycle. */
function depth(task: WorkloadTask): number {
  const byId = new Map(task.steps.map((step) => [step.id, step]));
  const memo = new Map<string, number>();
  const visiting = new Set<string>();
  const visit = (id: string): number => {
    const known = memo.get(id);
    if (known !== undefined) return known;
    if (visiting.has(id)) throw new Error(`Cycle through ${task.id}/${id}`);
    visiting.add(id);
    const step = byId.get(id);
    const result =
      1 + Math.max(0, ...(step?.dependsOn ?? []).map((dependency) => visit(dependency)));
    visiting.delete(id);
    memo.set(id, result);
    return result;
  };
  return Math.max(0, ...task.steps.map((step) => visit(step.id)));
}

function toolCalls(workload: Workload): WorkloadToolCall[] {
  return workload.tasks.flatMap((task) => task.steps.flatMap((step) => step.toolCalls));
}

describe('the workload library', () => {
  it('holds the generated fixtures', () => {
    expect(files).toEqual(expect.arrayContaining(generated));
  });

  it('has the planned number of tasks in each generated fixture', () => {
    const counts = Object.fromEntries(generated.map((file) => [file, load(file).tasks.length]));
    expect(counts).toEqual({
      'fanoutqa-parallel.json': 40,
      'parallelqa.json': 40,
      'sequential-chains.json': 20,
      'tool-loops.json': 6,
    });
  });

  it('has a unique prompt for every task across all fixtures', () => {
    const prompts = files.flatMap((file) => load(file).tasks.map((task) => task.prompt));
    expect(duplicates(prompts)).toEqual([]);
    expect(duplicates(files.flatMap((file) => load(file).tasks.map((task) => task.id)))).toEqual(
      [],
    );
  });

  it('keeps the FanOutQA attribution and its CC BY-SA 4.0 license', () => {
    const source = load('fanoutqa-parallel.json').source;
    expect(source?.name).toBe('FanOutQA (Zhu et al., ACL 2024)');
    expect(source?.license).toBe('CC BY-SA 4.0');
    expect(source?.url).toBe('https://github.com/zhudotexe/fanoutqa');
    expect(source?.attribution).toContain('derived from the FanOutQA dev set');
    expect(source?.attribution).toContain('CC BY-SA 4.0');
  });

  it('names its source and license in every fixture', () => {
    for (const file of generated) {
      expect(load(file).source?.license, file).toMatch(/\S/);
      expect(load(file).source?.attribution, file).toMatch(/\S/);
    }
  });
});

describe.each(files)('%s', (file) => {
  it('parses with workloadSchema', () => {
    expect(() => load(file)).not.toThrow();
  });

  it('has a unique question for every step', () => {
    const questions = load(file).tasks.flatMap((task) => task.steps.map((step) => step.question));
    expect(duplicates(questions)).toEqual([]);
  });

  it('has a unique input for every tool call', () => {
    const keys = toolCalls(load(file)).map((call) => callKey(call.tool, call.input));
    expect(duplicates(keys)).toEqual([]);
  });

  it('depends only on steps of the same task, without cycles', () => {
    for (const task of load(file).tasks) {
      const ids = task.steps.map((step) => step.id);
      expect(duplicates(ids), task.id).toEqual([]);
      for (const step of task.steps)
        for (const dependency of step.dependsOn)
          expect(ids, `${task.id}/${step.id}`).toContain(dependency);
      expect(() => depth(task)).not.toThrow();
    }
  });

  it('calls only its own tools, with the inputs their schemas ask for', () => {
    const workload = load(file);
    const tools = new Map(workload.tools.map((tool) => [tool.name, tool.input_schema]));
    for (const call of toolCalls(workload)) {
      const schema = tools.get(call.tool) as
        { properties?: Record<string, unknown>; required?: string[] } | undefined;
      expect(schema, call.tool).toBeDefined();
      const allowed = Object.keys(schema?.properties ?? {});
      for (const key of Object.keys(call.input)) expect(allowed, call.tool).toContain(key);
      for (const key of schema?.required ?? []) expect(Object.keys(call.input)).toContain(key);
    }
  });

  it('asks for facts that say something', () => {
    for (const task of load(file).tasks) {
      if (task.shape === 'trace') continue;
      expect(task.answerFacts.length, task.id).toBeGreaterThan(0);
      for (const fact of task.answerFacts) expect(fact.trim().length, task.id).toBeGreaterThan(1);
    }
  });

  it('chains sequential tasks at least 4 deep and loops at least 30 steps long', () => {
    for (const task of load(file).tasks) {
      if (task.shape === 'sequential') expect(depth(task), task.id).toBeGreaterThanOrEqual(4);
      if (task.shape === 'loop') {
        expect(task.steps.length, task.id).toBeGreaterThanOrEqual(30);
        expect(depth(task), task.id).toBe(task.steps.length);
      }
    }
  });
});

describe('the generated fixtures in detail', () => {
  it('FanOutQA: one search per sub-question, the list step on sonnet', () => {
    for (const task of load('fanoutqa-parallel.json').tasks) {
      expect(['parallel', 'list-then-fan-out'], task.id).toContain(task.shape);
      const dependedOn = new Set(task.steps.flatMap((step) => step.dependsOn));
      expect(task.shape === 'list-then-fan-out', task.id).toBe(dependedOn.size > 0);
      for (const step of task.steps) {
        expect(step.toolCalls).toHaveLength(1);
        const [call] = step.toolCalls;
        expect(call?.tool).toBe('search');
        expect(call?.input).toEqual({ query: step.question });
        expect(call?.resultTokens).toBeGreaterThanOrEqual(600);
        expect(call?.resultTokens).toBeLessThanOrEqual(2_500);
        expect(step.facts).toEqual(call?.facts);
        expect(step.minimumLine).toBe(dependedOn.has(step.id) ? 'sonnet' : 'haiku');
      }
      const leafFacts = task.steps
        .filter((step) => !dependedOn.has(step.id))
        .flatMap((step) => step.facts);
      expect(task.answerFacts, task.id).toEqual(expect.arrayContaining(leafFacts));
    }
  });

  it('ParallelQA: 2 to 5 independent lookups and the recorded answer', () => {
    const tasks = load('parallelqa.json').tasks;
    for (const branch of [2, 3, 4, 5])
      expect(tasks.filter((task) => task.steps.length === branch)).toHaveLength(10);
    for (const task of tasks) {
      expect(task.shape).toBe('parallel');
      expect(depth(task), task.id).toBe(1);
      const lookups = task.steps.flatMap((step) => step.facts);
      expect(task.answerFacts.slice(0, -1)).toEqual(lookups);
    }
  });

  it('sequential chains: 4 to 6 links, each needing the one before, one opus step in a quarter', () => {
    const tasks = load('sequential-chains.json').tasks;
    for (const task of tasks) {
      expect(task.shape).toBe('sequential');
      expect(task.steps.length).toBeGreaterThanOrEqual(4);
      expect(task.steps.length).toBeLessThanOrEqual(6);
      task.steps.forEach((step, index) => {
        const before = task.steps[index - 1];
        expect(step.dependsOn).toEqual(before === undefined ? [] : [before.id]);
      });
    }
    const withOpus = tasks.filter((task) => task.steps.some((step) => step.minimumLine === 'opus'));
    expect(withOpus).toHaveLength(tasks.length / 4);
  });

  it('tool loops: 30 to 40 JSON pages, graded on every fifth', () => {
    for (const task of load('tool-loops.json').tasks) {
      expect(task.steps.length).toBeGreaterThanOrEqual(30);
      expect(task.steps.length).toBeLessThanOrEqual(40);
      for (const call of task.steps.flatMap((step) => step.toolCalls)) {
        expect(call.resultFormat).toBe('json');
        expect(call.resultTokens).toBeGreaterThanOrEqual(1_000);
        expect(call.resultTokens).toBeLessThanOrEqual(3_000);
        expect(call.facts.length).toBeGreaterThanOrEqual(1);
        expect(call.facts.length).toBeLessThanOrEqual(2);
      }
      const graded = task.steps.filter((_, index) => (index + 1) % 5 === 0);
      expect(task.answerFacts).toHaveLength(graded.length);
      for (const [index, step] of graded.entries())
        expect(step.facts).toContain(task.answerFacts[index]);
    }
  });
});

describe.each(generated)('tool results of %s', (file) => {
  const countTokens = createTokenCounter();

  it('carry every declared fact at the declared size (a sample of calls)', () => {
    const workload = load(file);
    const tools = createWorkloadTools(workload, { countTokens });
    const calls = toolCalls(workload);
    // Every 9th call, plus the largest and the smallest: sizes and formats of every kind.
    const bySize = [...calls].sort((a, b) => a.resultTokens - b.resultTokens);
    const sample = [
      ...calls.filter((_, index) => index % 9 === 0),
      bySize[0],
      bySize.at(-1),
    ].filter((call) => call !== undefined);
    expect(sample.length).toBeGreaterThan(10);
    for (const call of sample) {
      const result = tools.execute(call.tool, call.input);
      for (const fact of call.facts) expect(result).toContain(fact);
      expect(Math.abs(countTokens(result) - call.resultTokens)).toBeLessThanOrEqual(1);
    }
  });
});
