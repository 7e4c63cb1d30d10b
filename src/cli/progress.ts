/**
 * The progress line of a long build: one line on stderr, redrawn in place with `\r` at most
 * every REDRAW_MS, erased when the build ends so the summary starts on a clean line. Only on a
 * terminal: when stderr is a pipe or a file, or CI is set, nothing is drawn (logs stay clean).
 * Plain text only: no colors, so NO_COLOR has nothing to turn off here.
 */
import type { Progress } from '../pipeline/build.js';
import type { Io } from './command.js';
import { bytes, n } from './print.js';

export const REDRAW_MS = 100;
/** erase the current terminal line (EL, "erase in line") after a carriage return */
const CLEAR = '\r\u001b[K';

export interface ProgressLine {
  update(p: Progress): void;
  /** erases the line; safe to call when nothing was drawn */
  done(): void;
}

export function progressEnabled(io: Io): boolean {
  return !!io.stderr.isTTY && !io.env.CI;
}

export function formatProgress(p: Progress, seconds: number): string {
  const rate = seconds > 0 ? Math.round(p.rows / seconds) : 0;
  const shards = `${n(p.shards)} shard${p.shards === 1 ? '' : 's'}`;
  return `${p.batch}: ${n(p.rows)} rows · ${n(rate)} rows/s · ${bytes(p.bytes)} · ${shards}`;
}

/** A progress line for `io`, or undefined when progress should stay quiet. */
export function createProgress(io: Io, now: () => number = () => performance.now()): ProgressLine | undefined {
  if (!progressEnabled(io)) return undefined;
  const started = now();
  let last = -Infinity;
  let drawn = false;
  return {
    update(p) {
      const t = now();
      if (t - last < REDRAW_MS) return;
      last = t;
      let line = formatProgress(p, (t - started) / 1000);
      const width = io.stderr.columns;
      // a line wider than the terminal wraps, and `\r` would then redraw only its last part
      if (width && line.length >= width) line = line.slice(0, width - 1);
      io.stderr.write(CLEAR + line);
      drawn = true;
    },
    done() {
      if (drawn) io.stderr.write(CLEAR);
      drawn = false;
    },
  };
}
