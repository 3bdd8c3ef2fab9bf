// One small run through the governor, printing every number docs/governor.md cites.
// Run: pnpm example:governor
import {
  createBudget,
  createGovernor,
  createUsage,
  formatUsd,
  type BudgetEvent,
  type PlannedStep,
} from '@bursar/core';

const events: BudgetEvent[] = [];
const budget = createBudget({
  usd: '0.40',
  name: 'task',
  onEvent: (event) => events.push(event),
  now: () => 0,
});
const governor = createGovernor({ budget });
const usd = (nanodollars: number): string =>
  `${formatUsd(nanodollars)} (${nanodollars.toLocaleString('en-US')} nano-dollars)`;

console.log(`Budget: hard limit ${usd(budget.limit.usd ?? 0)}`);

// 1. The first turn of agent A: reserve its worst case, then settle to what was billed.
const call = {
  model: 'claude-sonnet-4-6',
  inputTokensBound: 10_000,
  maxTokens: 1_000,
  label: 'A turn 1',
};
const reservation = budget.reserve(call);
console.log(
  `\n1. reserve ${call.label}: prompt bound 10,000 tokens at the 1h write price, 1,000 max output`,
);
console.log(
  `   held ${usd(reservation.bound.usd)}; spent + reserved = ${usd(budget.spent.usd + budget.reserved.usd)}`,
);
const billed = createUsage({ input: 2_000, cacheWrite5m: 8_000, output: 500 });
reservation.settle(billed);
console.log(
  `   settle to 2,000 input + 8,000 5m write + 500 output: spent ${usd(budget.spent.usd)}, reserved ${usd(budget.reserved.usd)}`,
);

// 2. The remaining plan: agent A's nine turns and a patient summarizer B.
const agent: PlannedStep = {
  id: 'A',
  model: 'claude-sonnet-4-6',
  turns: 9,
  contextTokens: 12_000,
  cachedTokens: 10_000,
  growthPerTurn: 2_000,
  outputPerTurn: 500,
  maxTokens: 1_000,
};
const summarizer: PlannedStep = {
  ...agent,
  id: 'B',
  turns: 10,
  contextTokens: 10_000,
  cachedTokens: 0,
  latencyTolerant: true,
};
const plan = { steps: [agent, summarizer] };
const assessment = governor.assess(plan);
console.log('\n2. project: spent + reserved + forecast of the remaining plan');
for (const step of assessment.projection.steps) {
  const { input, cacheWrite5m, cacheRead, output } = step.usage;
  console.log(
    `   ${step.id}: read ${cacheRead.toLocaleString('en-US')}, write ${cacheWrite5m.toLocaleString('en-US')}, input ${input.toLocaleString('en-US')}, output ${output.toLocaleString('en-US')} -> ${usd(step.cost)}`,
  );
}
console.log(
  `   projection ${usd(assessment.projection.total)} = ${((assessment.projection.total / (budget.limit.usd ?? 1)) * 100).toFixed(1)}% of the limit: ${assessment.level}`,
);

// 3. The ladder's decision.
if (assessment.decision !== undefined) {
  console.log(`\n3. decide: ${JSON.stringify(assessment.decision.actions)}`);
  console.log(
    `   projection after ${usd(assessment.decision.after.total)}, expected quality loss ${assessment.decision.qualityLoss}`,
  );
}
console.log(`\nEvents: ${events.map((event) => event.type).join(', ')}`);
