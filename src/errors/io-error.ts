/**
 * File-system errors that come from the machine's state (a full disk, permissions), not from a
 * bug: writing a build's output turns them into an OutputUnwritable problem with a hint instead
 * of an internal error with a stack.
 */
import { E, problem } from './catalogue.js';
import type { Problem } from './problem.js';

const DETAIL: Record<string, string> = {
  ENOSPC: 'no space left on the device',
  EDQUOT: 'disk quota exceeded',
  EACCES: 'permission denied',
  EPERM: 'operation not permitted',
  EROFS: 'read-only file system',
  ENOTDIR: 'a part of the path is a file, not a folder',
  EMFILE: 'too many open files',
  ENFILE: 'too many open files',
  EIO: 'input/output error',
};

/** The problem for `e` when it is such an error; `dir` is the output folder as the user knows it. */
export function outputProblem(e: unknown, dir: string): Problem | undefined {
  const errno = (e as NodeJS.ErrnoException | undefined)?.code;
  if (typeof errno !== 'string' || !(errno in DETAIL)) return undefined;
  return problem(E.OutputUnwritable, { dir, detail: DETAIL[errno]!, errno });
}
