/**
 * How V8 sizes the build thread's young generation (where new objects live until they survive a
 * collection). By default it doubles, up to 16 MB a semi-space, as objects survive: the build
 * thread's grew to 8 MB semi-spaces while batchforge's modules loaded and the config was read, and
 * to 16 over a long threaded run, where it only settles and writes what the workers drafted. A
 * build holds it at the size it has (`--semi-space-growth-factor=1`; the CLI's build command from
 * before its modules load), and lets it grow again for a group read on this thread, which renders
 * every row itself.
 *
 * Peak RSS, 2 cores, 2 workers: 10M rows of (a) 198 MB → 170–174 MB; 1M rows of (d) 196–201 MB
 * → 176–192 MB, in 11.1–11.8 s → 10.6–12.0 s. V8 reads the flag when it decides to grow, so setting it at
 * run time is safe; the build puts V8's default back when it ends.
 */
import { setFlagsFromString } from 'node:v8';

let held = false;

/** the young generation keeps the size it has */
export function holdYoungGeneration(): void {
  held = true;
  setFlagsFromString('--semi-space-growth-factor=1');
}

/** V8's default: the young generation grows as objects survive */
export function growYoungGeneration(): void {
  held = false;
  setFlagsFromString('--semi-space-growth-factor=2');
}

/**
 * Called once a worker thread runs: starting one puts V8's flags back as they were (Node 20 sets up
 * each new V8 instance from them), and the build thread's young generation then grew to 16 MB
 * semi-spaces all the same. The hold is set again.
 */
export function holdAfterWorkerStart(): void {
  if (held) setFlagsFromString('--semi-space-growth-factor=1');
}
