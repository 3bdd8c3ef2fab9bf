// Writes docs/benchmarks.md from the results files in results/*.json.
// Run: pnpm --filter @bursar/bench docs (pnpm bench runs it last)
import { writeFile } from 'node:fs/promises';
import { benchmarksDocFile, buildBenchmarksDoc } from './docs/build-benchmarks-doc';

await writeFile(benchmarksDocFile, await buildBenchmarksDoc());
console.log(`Wrote ${benchmarksDocFile}`);
