/**
 * Builds the shipped workload library in `packages/simulator/workloads/`:
 *
 * - `fanoutqa-parallel.json`: 40 FanOutQA dev questions (CC BY-SA 4.0);
 * - `parallelqa.json`: 40 ParallelQA questions (LLMCompiler, MIT);
 * - `sequential-chains.json`: 20 synthesized chains of 4 to 6 dependent lookups;
 * - `tool-loops.json`: 6 tool loops of 30 to 40 turns of JSON results.
 *
 * The real data is read from `../shared/realdata` beside the repository (the
 * fixtures are committed, so running them needs none of it). Every workload is
 * checked with `workloadSchema` and formatted with the repository's Prettier
 * settings before it is written, so a rebuild leaves `prettier --check` clean.
 *
 * Usage: `npx tsx packages/simulator/scripts/build-workloads.ts`
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as prettier from 'prettier';
import type * as z from 'zod';
import { workloadSchema, type WorkloadInput } from '../src/workloads/workload-schema';
import { callKey } from '../src/workloads/workload-tools';
import { assertUnique } from './workload-library/deterministic';
import { buildFanoutqaWorkload, fanoutqaFileSchema } from './workload-library/fanoutqa-parallel';
import { buildParallelqaWorkload, llmcompilerFileSchema } from './workload-library/parallelqa';
import { buildSequentialChainsWorkload } from './workload-library/sequential-chains';
import { buildToolLoopsWorkload } from './workload-library/tool-loops';

const here = dirname(fileURLToPath(import.meta.url));
const repositoryRoot = resolve(here, '../../..');
const realdata = resolve(repositoryRoot, '../shared/realdata');
const outputFolder = resolve(here, '../workloads');

/** A fixture past this size is too big to review or to load in every test. */
const maximumBytes = 1_000_000;

async function main(): Promise<void> {
  const fanoutqa = readJson(`${realdata}/fanoutqa_dev_decompositions.json`, fanoutqaFileSchema);
  const llmcompiler = readJson(
    `${realdata}/llmcompiler_parallel_tasks.json`,
    llmcompilerFileSchema,
  );
  const library: Record<string, WorkloadInput> = {
    'fanoutqa-parallel.json': buildFanoutqaWorkload(fanoutqa),
    'parallelqa.json': buildParallelqaWorkload(llmcompiler),
    'sequential-chains.json': buildSequentialChainsWorkload(),
    'tool-loops.json': buildToolLoopsWorkload(),
  };
  assertUnique(
    Object.values(library).flatMap((workload) => workload.tasks),
    (task) => task.prompt,
    'task prompt',
  );

  mkdirSync(outputFolder, { recursive: true });
  const options = (await prettier.resolveConfig(resolve(outputFolder, 'x.json'))) ?? {};
  for (const [file, input] of Object.entries(library)) {
    const workload = workloadSchema.parse(input);
    const steps = workload.tasks.flatMap((task) => task.steps);
    assertUnique(steps, (step) => step.question, `step question in ${file}`);
    assertUnique(
      steps.flatMap((step) => step.toolCalls),
      (call) => callKey(call.tool, call.input),
      `tool input in ${file}`,
    );
    // The parsed form, defaults written out: every field is explicit to a reader.
    const text = await prettier.format(JSON.stringify(workload), { ...options, parser: 'json' });
    const bytes = Buffer.byteLength(text);
    if (bytes > maximumBytes) throw new Error(`${file} is ${bytes} bytes, over ${maximumBytes}.`);
    writeFileSync(resolve(outputFolder, file), text);
    console.log(
      `${file}: ${workload.tasks.length} tasks, ${steps.length} steps, ${String(bytes)} bytes`,
    );
  }
}

function readJson<TSchema extends z.ZodType>(path: string, schema: TSchema): z.infer<TSchema> {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new Error(`Cannot read ${path}: the real data sits in ../shared beside the repository.`, {
      cause: error,
    });
  }
  return schema.parse(JSON.parse(text));
}

await main();
