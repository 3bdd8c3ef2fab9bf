// A long tool loop with and without the agent's context discipline (pruning, compaction).
// Run: pnpm example:long-run-compaction [--task <tool-loops task id>]
import { parseArgs } from 'node:util';
import { loadShippedWorkloads } from '@bursar/simulator';
import { formatLongLoop } from './format-long-loop';
import { runLongLoop } from './run-long-loop';

const { values } = parseArgs({
  options: { task: { type: 'string', default: 'loop-access-audit-log' } },
});
const runs = await runLongLoop({ workloads: loadShippedWorkloads(), taskId: values.task });
console.log(formatLongLoop(runs, values.task));
if (runs.some((run) => run.cost !== run.billed)) process.exitCode = 1;
