/** Runs the compiled CLI (dist/, built by `npm test` first) as a real process, as a user would. */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { REPO } from './tree.js';

export const BIN = path.join(REPO, 'dist', 'cli', 'main.js');

export interface Ran {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** runs `batchforge <args>` in `cwd` to the end */
export function runBin(cwd: string, args: string[], env: Record<string, string> = {}): Ran {
  const r = spawnSync(process.execPath, [BIN, ...args], { cwd, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1', ...env } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** starts `batchforge <args>` in `cwd`; `done` resolves with its exit code (or signal) and output */
export function startBin(cwd: string, args: string[], env: Record<string, string> = {}): { child: ChildProcess; done: Promise<Ran & { signal: NodeJS.Signals | null }> } {
  const child = spawn(process.execPath, [BIN, ...args], { cwd, env: { ...process.env, NO_COLOR: '1', ...env } });
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
  const done = new Promise<Ran & { signal: NodeJS.Signals | null }>((resolve) => child.on('close', (code, signal) => resolve({ code, signal, stdout, stderr })));
  return { child, done };
}
