#!/usr/bin/env node
// bursar-sim: the simulated Anthropic API on loopback. `pnpm sim --help` lists the flags.
import { parseArgs } from 'node:util';
import { createSimulator } from './simulator/create-simulator';
import { loadShippedWorkloads, loadWorkloadFile } from './workloads/load-workload';
import type { Workload } from './workloads/workload-schema';

const usage = `Usage: bursar-sim [options]

  --port <n>          port to listen on (default 4141; 0 picks a free one)
  --host <addr>       address to bind (default 127.0.0.1)
  --seed <s>          seed of answers, ids and faults (default bursar)
  --latency <mode>    realistic | zero (default realistic)
  --clock <mode>      virtual | real (default virtual)
  --fault-rate <r>    share of requests that fail, 0 to 1 (default 0)
  --workload <file>   a workload file (bursar-workload/v1 JSON) to work; repeatable;
                      'shipped' loads the library shipped with the package
  --help              this text`;

function fail(message: string): never {
  console.error(`bursar-sim: ${message}\n\n${usage}`);
  process.exit(2);
}

let values: Record<string, string | boolean | string[] | undefined>;
try {
  ({ values } = parseArgs({
    options: {
      port: { type: 'string', default: '4141' },
      host: { type: 'string', default: '127.0.0.1' },
      seed: { type: 'string', default: 'bursar' },
      latency: { type: 'string', default: 'realistic' },
      clock: { type: 'string', default: 'virtual' },
      'fault-rate': { type: 'string', default: '0' },
      workload: { type: 'string', multiple: true },
      help: { type: 'boolean', default: false },
    },
    strict: true,
  }));
} catch (error) {
  fail((error as Error).message);
}

if (values['help'] === true) {
  console.log(usage);
  process.exit(0);
}

const port = Number(values['port']);
if (!Number.isInteger(port) || port < 0 || port > 65_535)
  fail(`--port must be a port number, got ${String(values['port'])}`);
const latency = values['latency'];
if (latency !== 'realistic' && latency !== 'zero')
  fail(`--latency must be realistic or zero, got ${String(latency)}`);
const clock = values['clock'];
if (clock !== 'virtual' && clock !== 'real')
  fail(`--clock must be virtual or real, got ${String(clock)}`);
const faultRate = Number(values['fault-rate']);
if (!(faultRate >= 0 && faultRate <= 1))
  fail(`--fault-rate must be between 0 and 1, got ${String(values['fault-rate'])}`);
const workloads: Workload[] = [];
const workloadPaths = values['workload'];
for (const path of Array.isArray(workloadPaths) ? workloadPaths : []) {
  try {
    workloads.push(...(path === 'shipped' ? loadShippedWorkloads() : [loadWorkloadFile(path)]));
  } catch (error) {
    fail(`--workload ${path}: ${(error as Error).message}`);
  }
}
if (workloads.length > 0) {
  const tasks = workloads.reduce((sum, workload) => sum + workload.tasks.length, 0);
  console.log(
    `working ${workloads.length} workloads, ${tasks} tasks; other prompts get the generic answer`,
  );
}

const simulator = createSimulator({
  seed: String(values['seed']),
  latency: { mode: latency },
  clock,
  faults: { rate: faultRate },
  ...(workloads.length > 0 ? { workloads } : {}),
});

try {
  const { url } = await simulator.listen({ port, host: String(values['host']) });
  console.log(`listening on ${url}`);
} catch (error) {
  fail(`cannot listen on ${String(values['host'])}:${port}: ${(error as Error).message}`);
}

const stop = (signal: string): void => {
  void simulator.close().then(() => {
    const { lines, totalUsd } = simulator.invoice();
    console.log(`${signal}: stopped after ${lines.length} billed requests, ${totalUsd} in all`);
    process.exit(0);
  });
};
process.once('SIGINT', () => {
  stop('SIGINT');
});
process.once('SIGTERM', () => {
  stop('SIGTERM');
});
