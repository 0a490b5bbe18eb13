/**
 * The core is a long-running process whose live data is small next to what it allocates (every platform
 * event is parsed, mapped, published and serialised, then dropped). With V8's default heap growth it keeps
 * two to three times its live data as heap: after the benchmark's load that was 120 MB of heap for 55 MB live,
 * and an RSS near the 250 MB budget. `--optimize-for-size` makes V8 grow the heap less eagerly and give memory
 * back sooner, for a few percent more time in garbage collection: RSS falls to about 150 MB at the same
 * load (figures in bench/README.md). V8 reads the flag as it decides, so setting it at start takes effect.
 */
import { setFlagsFromString } from 'node:v8';

export function tuneHeapForLongRunningCore(): void {
  setFlagsFromString('--optimize-for-size');
}
