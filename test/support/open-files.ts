import { readdirSync, readlinkSync } from 'node:fs';

/** paths this process has open (Linux: /proc/self/fd), for tests that a file gets closed */
export function openPaths(): string[] {
  return readdirSync('/proc/self/fd').flatMap((fd) => {
    try {
      return [readlinkSync(`/proc/self/fd/${fd}`)];
    } catch {
      return []; // the descriptor of readdir itself is gone by now
    }
  });
}
