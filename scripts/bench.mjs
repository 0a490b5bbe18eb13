// `npm run bench` (after the build): the performance benchmark of DESIGN.md §10. `--tiny` runs it small
// (what `npm test` does so it cannot rot); see bench/options.mjs for every size flag.
import { runBench } from '../bench/run-bench.mjs';

try {
  await runBench(process.argv.slice(2));
} catch (error) {
  console.error(
    `Benchmark failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`,
  );
  process.exit(1);
}
