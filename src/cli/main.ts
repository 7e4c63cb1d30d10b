#!/usr/bin/env node
/** The bin: real process streams in, exit code out. Everything else is in run.ts. */
import { run } from './run.js';

// colored text (problems, progress) goes to stderr, so stderr decides
const color = !!process.stderr.isTTY && !process.env.NO_COLOR && process.env.TERM !== 'dumb';
process.exitCode = await run(process.argv.slice(2), {
  stdout: process.stdout,
  stderr: process.stderr,
  cwd: process.cwd(),
  env: process.env,
  color,
});
