// The same 12-turn tool loop on the simulator, with and without prompt caching.
// Run: pnpm --filter @bursar-examples/cache-savings start
import { addUsage, formatUsd } from '@bursar/core/pricing';
import { runConversation } from './run-conversation';

const rows = [];
for (const cached of [false, true]) {
  const invoice = await runConversation({ cached });
  const usage = addUsage(...invoice.lines.map((line) => line.usage));
  rows.push({ cached, invoice, usage });
}
console.log('12-turn tool loop, claude-sonnet-4-6, on the simulator (tokens by class, cost)');
console.log('caching | input   | 5m write | cache read | output | cost');
for (const { cached, invoice, usage } of rows) {
  console.log(
    `${(cached ? 'on' : 'off').padEnd(7)} | ${String(usage.input).padEnd(7)} | ${String(usage.cacheWrite5m).padEnd(8)} | ${String(usage.cacheRead).padEnd(10)} | ${String(usage.output).padEnd(6)} | ${invoice.totalUsd}`,
  );
}
const [off, on] = rows;
if (off !== undefined && on !== undefined) {
  const saved = off.invoice.total - on.invoice.total;
  console.log(
    `caching saves ${formatUsd(saved)}: the cached run costs ${((on.invoice.total / off.invoice.total) * 100).toFixed(1)}% of the uncached one`,
  );
}
