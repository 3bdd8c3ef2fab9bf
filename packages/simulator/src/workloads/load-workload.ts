import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { workloadSchema, type Workload } from './workload-schema';

/**
 * Parses a workload (an object or JSON text), with an error that names the
 * field at fault and where the workload came from.
 *
 * @example
 * ```ts
 * const workload = parseWorkload(JSON.parse(text), 'my-workload.json');
 * ```
 */
export function parseWorkload(value: unknown, origin = 'workload'): Workload {
  const parsed = workloadSchema.safeParse(value);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const path = issue === undefined ? '' : issue.path.map(String).join('.');
  throw new TypeError(
    `${origin}: invalid workload at ${path.length > 0 ? path : '(root)'}: ${issue?.message ?? 'unknown error'}`,
  );
}

/**
 * Reads and parses a workload file.
 *
 * @example
 * ```ts
 * const workload = loadWorkloadFile('./workloads/fanoutqa-parallel.json');
 * ```
 */
export function loadWorkloadFile(path: string): Workload {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new TypeError(`${path}: cannot read the workload file (${(error as Error).message})`);
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new TypeError(`${path}: not JSON (${(error as Error).message})`);
  }
  return parseWorkload(value, path);
}

/**
 * The workload library shipped with the package (its `workloads/` folder):
 * FanOutQA-derived and ParallelQA tasks, sequential chains, long tool loops
 * and trace-shaped Claude Code sessions.
 *
 * @example
 * ```ts
 * const simulator = createSimulator({ workloads: loadShippedWorkloads() });
 * ```
 */
export function loadShippedWorkloads(): Workload[] {
  const folder = shippedWorkloadFolder();
  return readdirSync(folder)
    .filter((name) => name.endsWith('.json'))
    .sort()
    .map((name) => loadWorkloadFile(`${folder}/${name}`));
}

function shippedWorkloadFolder(): string {
  // From src/workloads/ (sources) or dist/ (built): the folder sits at the package root.
  const here = fileURLToPath(new URL('.', import.meta.url));
  for (const candidate of ['../../workloads', '../workloads']) {
    const folder = fileURLToPath(new URL(candidate, `file://${here}`));
    try {
      readdirSync(folder);
      return folder;
    } catch {
      // Not this layout: try the next.
    }
  }
  throw new Error(`the shipped workloads folder was not found next to ${here}`);
}
