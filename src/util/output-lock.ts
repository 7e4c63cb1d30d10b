/**
 * One batchforge process at a time per output folder: build, submit, status, collect and retry
 * take `<dir>/.batchforge-lock`, created exclusively (O_EXCL) so two processes cannot both get it.
 * A second process refuses at once and names the holder; a lock whose process is gone (same host,
 * no such pid) is taken over, so a killed command never blocks the next one.
 */
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import path from 'node:path';
import { BatchforgeError, E, problem } from '../errors/index.js';
import { onInterrupt } from './interrupt.js';

export const LOCK_FILE = '.batchforge-lock';

interface Holder {
  pid: number;
  host: string;
  command: string;
  since: string;
}

export interface OutputLock {
  release(): void;
}

/** true unless the process surely does not exist (EPERM: it exists but is someone else's) */
export function processAlive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function readHolder(file: string): Holder | undefined {
  try {
    const h = JSON.parse(readFileSync(file, 'utf8')) as Partial<Holder>;
    return typeof h.pid === 'number' && typeof h.host === 'string' ? { pid: h.pid, host: h.host, command: String(h.command ?? '?'), since: String(h.since ?? '?') } : undefined;
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    // half-written by a process killed between create and write: nobody holds it
    return { pid: 0, host: hostname(), command: '?', since: '?' };
  }
}

/** Takes the lock of `dir` (which must exist) for `command`; `shown` is the folder as the user knows it. */
export function acquireLock(dir: string, command: string, shown: string): OutputLock {
  const file = path.join(dir, LOCK_FILE);
  const me: Holder = { pid: process.pid, host: hostname(), command, since: new Date().toISOString() };
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      writeFileSync(file, JSON.stringify(me) + '\n', { flag: 'wx' });
      return { release: () => releaseIfMine(file) };
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
    }
    const holder = readHolder(file);
    if (!holder) continue; // released meanwhile
    const stale = holder.host === me.host && holder.pid !== process.pid && !processAlive(holder.pid);
    if (!stale) {
      const lock = shown === '.' ? LOCK_FILE : `${shown}/${LOCK_FILE}`;
      throw new BatchforgeError(problem(E.OutputLocked, { dir: shown, command: holder.command, pid: holder.pid, host: holder.host, since: holder.since, lock }));
    }
    rmSync(file, { force: true });
  }
  throw new BatchforgeError(problem(E.OutputLocked, { dir: shown, command: '?', pid: 0, host: me.host, since: '?', lock: `${shown}/${LOCK_FILE}` }));
}

/**
 * Runs `fn` holding the lock of `dir` (a lifecycle command); released when it ends or the process
 * is interrupted. A missing folder is not locked: the command then reports the missing manifest.
 */
export async function withOutputLock<T>(dir: string, command: string, shown: string, fn: () => Promise<T>): Promise<T> {
  if (!existsSync(dir)) return fn();
  const lock = acquireLock(dir, command, shown);
  const undo = onInterrupt(() => lock.release());
  try {
    return await fn();
  } finally {
    undo();
    lock.release();
  }
}

/** removes the lock only while it is still this process's (a takeover may have replaced it) */
function releaseIfMine(file: string): void {
  const holder = readHolder(file);
  if (holder && holder.pid === process.pid && holder.host === hostname()) rmSync(file, { force: true });
}
