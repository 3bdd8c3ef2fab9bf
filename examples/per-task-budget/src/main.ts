// One task under shrinking budgets: the governor's ladder at work.
// Run: pnpm example:per-task-budget [--workload <id>] [--task <id>] [--percents 100,60,40,25,10]
import { parseArgs } from 'node:util';
import { loadShippedWorkloads } from '@bursar/simulator';
import { formatBudgetLadder, heldTheLimit } from './format-budget-ladder';
import { defaultPercents, runBudgetLadder } from './run-budget-ladder';

const { values } = parseArgs({
  options: {
    workload: { type: 'string', default: 'fanoutqa-parallel' },
    task: { type: 'string' },
    percents: { type: 'string', default: defaultPercents.join(',') },
  },
});
const ladder = await runBudgetLadder({
  workloads: loadShippedWorkloads(),
  workloadId: values.workload,
  ...(values.task === undefined ? {} : { taskId: values.task }),
  percents: values.percents.split(',').map(Number),
});
console.log(formatBudgetLadder(ladder));
if (![ladder.unconstrained, ...ladder.runs].every(heldTheLimit)) process.exitCode = 1;
