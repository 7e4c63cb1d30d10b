/** A capturing Io for driving the CLI's run(argv, io) in tests. */
import type { Io } from '../../src/cli/command.js';
import { run } from '../../src/cli/run.js';

export interface Captured {
  code: number;
  stdout: string;
  stderr: string;
  /** stderr split into lines, without the trailing empty one */
  lines: string[];
}

export function captureIo(cwd: string): Io & { out: string[]; err: string[] } {
  const out: string[] = [];
  const err: string[] = [];
  return {
    out,
    err,
    stdout: { write: (s: string) => out.push(s) },
    stderr: { write: (s: string) => err.push(s) },
    cwd,
    env: {},
    color: false,
  };
}

/** runs the CLI in `cwd` and returns what a user would see */
export async function cli(cwd: string, ...argv: string[]): Promise<Captured> {
  const io = captureIo(cwd);
  const code = await run(argv, io);
  const stderr = io.err.join('');
  return { code, stdout: io.out.join(''), stderr, lines: stderr.split('\n').filter((l, i, a) => i < a.length - 1 || l !== '') };
}
