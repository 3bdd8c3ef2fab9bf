#!/usr/bin/env node
// bursar-sim: the simulated Anthropic API on loopback. `pnpm sim --help` lists the flags.
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { createSimulator } from './simulator/create-simulator';

const usage = `Usage: bursar-sim [options]

  --port <n>          port to listen on (default 4141; 0 picks a free one)
  --host <addr>       address to bind (default 127.0.0.1)
  --seed <s>          seed of answers, ids and faults (default bursar)
  --latency <mode>    realistic | zero (default realistic)
  --clock <mode>      virtual | real (default virtual)
  --fault-rate <r>    share of requests that fail, 0 to 1 (default 0)
  --workload <file>   a workload file (JSON); scripted answers arrive with the
                      simulator's part 2, until then every prompt gets the generic answer
  --help              this text`;

function fail(message: string): never {
  console.error(`bursar-sim: ${message}\n\n${usage}`);
  process.exit(2);
}

let values: Record<string, string | boolean | undefined>;
try {
  ({ values } = parseArgs({
    options: {
      port: { type: 'string', default: '4141' },
      host: { type: 'string', default: '127.0.0.1' },
      seed: { type: 'string', default: 'bursar' },
      latency: { type: 'string', default: 'realistic' },
      clock: { type: 'string', default: 'virtual' },
      'fault-rate': { type: 'string', default: '0' },
      workload: { type: 'string' },
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
const workloadPath = values['workload'];
if (typeof workloadPath === 'string') {
  try {
    JSON.parse(readFileSync(workloadPath, 'utf8'));
  } catch (error) {
    fail(`--workload ${workloadPath}: ${(error as Error).message}`);
  }
  console.log(
    `workload ${workloadPath} read; scripted answers are not implemented yet, every prompt gets the generic answer`,
  );
}

const simulator = createSimulator({
  seed: String(values['seed']),
  latency: { mode: latency },
  clock,
  faults: { rate: faultRate },
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
