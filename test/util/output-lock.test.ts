import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { formatProblem, isBatchforgeError } from '../../src/errors/index.js';
import { acquireLock, LOCK_FILE } from '../../src/util/output-lock.js';
import { tempDir } from '../support/tree.js';

/** the pid of a process that has exited */
function deadPid(): number {
  return spawnSync(process.execPath, ['-e', '']).pid!;
}

function refusal(fn: () => unknown): string {
  try {
    fn();
  } catch (e) {
    if (isBatchforgeError(e)) return formatProblem(e.problems[0]!);
    throw e;
  }
  return 'not refused';
}

describe('the output folder lock', () => {
  test('a second holder is refused with the first one\'s pid; release frees it', () => {
    const dir = tempDir();
    const lock = acquireLock(dir, 'build', 'out');
    const held = JSON.parse(readFileSync(path.join(dir, LOCK_FILE), 'utf8')) as { pid: number; since: string };
    // the same process cannot tell its own calls apart: it is refused too, as another process would be
    expect(refusal(() => acquireLock(dir, 'submit', 'out'))).toBe(
      `out is in use by \`batchforge build\` (pid ${process.pid} on ${hostname()}, since ${held.since}); nothing was done\n` +
        `  hint: wait for that process to finish; if it no longer runs on ${hostname()}, delete out/${LOCK_FILE}`,
    );
    lock.release();
    expect(existsSync(path.join(dir, LOCK_FILE))).toBe(false);
    acquireLock(dir, 'submit', 'out').release();
  });

  test('a lock left by a dead process, or half written, is taken over', () => {
    const dir = tempDir();
    writeFileSync(path.join(dir, LOCK_FILE), JSON.stringify({ pid: deadPid(), host: hostname(), command: 'build', since: 'then' }));
    const lock = acquireLock(dir, 'collect', 'out');
    expect(JSON.parse(readFileSync(path.join(dir, LOCK_FILE), 'utf8'))).toMatchObject({ pid: process.pid, command: 'collect' });
    lock.release();
    writeFileSync(path.join(dir, LOCK_FILE), '{"pid": 12');
    acquireLock(dir, 'build', 'out').release();
  });

  test('a lock held on another host is respected: its process cannot be checked from here', () => {
    const dir = tempDir();
    writeFileSync(path.join(dir, LOCK_FILE), JSON.stringify({ pid: deadPid(), host: 'elsewhere', command: 'build', since: 'then' }));
    expect(refusal(() => acquireLock(dir, 'build', '.'))).toMatch(/^\. is in use by `batchforge build` \(pid \d+ on elsewhere, since then\); nothing was done\n  hint: wait for that process to finish; if it no longer runs on elsewhere, delete \.batchforge-lock$/);
  });
});
