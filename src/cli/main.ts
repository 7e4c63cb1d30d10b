#!/usr/bin/env node
/** The bin: real process streams in, exit code out. Everything else is in run.ts. */
import { E, formatProblem, problem } from '../errors/index.js';
import { runCleanups, SIGNAL_EXIT } from '../util/interrupt.js';
import { run } from './run.js';

// Ctrl-C / SIGTERM: remove the temporary files and locks of the running command, then exit
// 128 + the signal's number, as shells expect
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    runCleanups();
    process.stderr.write(formatProblem(problem(E.Interrupted, { signal })) + '\n');
    process.exit(SIGNAL_EXIT[signal]);
  });
}

// colored text (problems, progress) goes to stderr, so stderr decides
const color = !!process.stderr.isTTY && !process.env.NO_COLOR && process.env.TERM !== 'dumb';
process.exitCode = await run(process.argv.slice(2), {
  stdout: process.stdout,
  stderr: process.stderr,
  cwd: process.cwd(),
  env: process.env,
  color,
});
