import { fileURLToPath } from 'node:url';
import { benchCall, benchUsage } from './governor/bench-call';
import { measureGovernorOverhead, type GovernorShape } from './governor/measure-governor-overhead';
import { describeMachine } from './report/describe-machine';
import { formatNumber, formatTable } from './report/format-table';
import { writeResults } from './report/write-results';

// Sized to finish in under 10 seconds on a 2-core machine.
const settings = {
  pairsPerSample: 20_480,
  samples: 15,
  warmupSamples: 8,
  fanOut: 64,
  targetMicrosecondsPerPair: 5,
} as const;

const resultsFile = fileURLToPath(new URL('../results/governor-overhead.json', import.meta.url));

const shapeNames: Record<GovernorShape, string> = {
  'top-level': 'top-level hard budget',
  'allowance-depth-2': 'allowance, 2 levels deep',
  'fan-out': `fan-out, ${settings.fanOut} held open`,
};

const startedAt = performance.now();
const machine = describeMachine();
console.log(
  `Governor overhead: ${machine.cpuModel}, ${machine.cores} cores, ` +
    `${machine.totalMemoryGiB} GiB, Node ${machine.nodeVersion}\n`,
);

const result = measureGovernorOverhead(settings);

const microseconds = (value: number) => formatNumber(value, 2);
const spread = (samples: readonly number[]) =>
  `${microseconds(Math.min(...samples))}–${microseconds(Math.max(...samples))}`;
console.log(
  `budget.reserve(call) + reservation.settle(usage) pairs: ${benchCall.model}, ` +
    `bound ${formatNumber(benchCall.inputTokensBound)} + ${formatNumber(benchCall.maxTokens)} ` +
    `tokens, cacheWrites '${benchCall.cacheWrites ?? '1h'}'; usage input ${benchUsage.input}, ` +
    `cacheWrite5m ${formatNumber(benchUsage.cacheWrite5m)}, cacheRead ` +
    `${formatNumber(benchUsage.cacheRead)}, output ${benchUsage.output}; median of ` +
    `${settings.samples} samples of ${formatNumber(settings.pairsPerSample)} pairs\n`,
);
console.log(
  formatTable(
    [
      'measured',
      'open at once',
      'budgets booked',
      'per second',
      'µs each',
      'vs cost()',
      'µs min–max',
    ],
    [
      [
        'cost(usage, model) alone',
        '-',
        '-',
        formatNumber(result.cost.callsPerSecond),
        microseconds(result.cost.microsecondsPerCall),
        '1.00x',
        spread(result.cost.samplesMicrosecondsPerCall),
      ],
      ...result.shapes.map((shape) => [
        shapeNames[shape.shape],
        String(shape.openAtOnce),
        String(shape.budgetsBooked),
        formatNumber(shape.pairsPerSecond),
        microseconds(shape.microsecondsPerPair),
        `${formatNumber(shape.costCallsPerPair, 2)}x`,
        spread(shape.samplesMicrosecondsPerPair),
      ]),
    ],
  ),
);

const pricing = result.pricingsPerPair * result.cost.microsecondsPerCall;
const slowest = Math.max(...result.shapes.map((shape) => shape.microsecondsPerPair));
const targetMet = slowest < settings.targetMicrosecondsPerPair;
console.log(
  `\nEach pair prices ${result.pricingsPerPair} usages (the worst case at its dearest class, ` +
    `then the charge): about ${microseconds(pricing)} µs of pricing per pair at the cost() ` +
    `rate; the rest is the ledger.`,
);
console.log(
  `Target: under ${settings.targetMicrosecondsPerPair} µs per pair: ` +
    `${targetMet ? 'met' : 'NOT met'} (slowest shape ${microseconds(slowest)} µs).`,
);

const durationSeconds = (performance.now() - startedAt) / 1_000;
await writeResults(resultsFile, {
  benchmark: 'governor-overhead',
  date: new Date().toISOString(),
  machine,
  settings,
  call: benchCall,
  usage: benchUsage,
  durationSeconds,
  ...result,
  pricingMicrosecondsPerPair: pricing,
  targetMet,
});
console.log(`\nDone in ${formatNumber(durationSeconds, 1)} s; results in ${resultsFile}`);
