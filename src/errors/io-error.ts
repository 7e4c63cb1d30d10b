/**
 * File-system errors a user can cause (a path that names a file, a read-only mount, a full disk)
 * are not bugs: each becomes its own catalogue entry naming the path and what to do (exit 2),
 * instead of an internal error with a stack. Only errors outside this list stay internal.
 */
import path from 'node:path';
import { E, problem } from './catalogue.js';
import type { Problem } from './problem.js';

type OsEntry = (typeof E)['OsNotFound'];

const BY_ERRNO: Record<string, OsEntry> = {
  ENOENT: E.OsNotFound,
  ENOTDIR: E.OsNotFolder,
  EISDIR: E.OsIsFolder,
  EEXIST: E.OsExists,
  ENOTEMPTY: E.OsExists,
  EACCES: E.OsPermissionDenied,
  EPERM: E.OsNotPermitted,
  EROFS: E.OsReadOnly,
  ENOSPC: E.OsNoSpace,
  EBUSY: E.OsBusy,
  EXDEV: E.OsCrossDevice,
};

/** the machine's state rather than the user's paths: the output folder's own wording */
const MACHINE: Record<string, string> = {
  EDQUOT: 'disk quota exceeded',
  EMFILE: 'too many open files',
  ENFILE: 'too many open files',
  EIO: 'input/output error',
};

/** `p` as the user knows it: relative to `cwd` when inside it, posix separators. */
function shown(p: string, cwd: string): string {
  const rel = path.relative(cwd, p);
  const s = rel === '' ? '.' : rel.startsWith('..') || path.isAbsolute(rel) ? p : rel;
  return s.split(path.sep).join('/');
}

/**
 * The problem for an OS error, or undefined when `e` is not one a user can cause. `fallback` names
 * the path when the error carries none; `note` is appended to the message (e.g. what is unchanged).
 */
export function osProblem(e: unknown, cwd: string, fallback: string, note = ''): Problem | undefined {
  const err = e as (NodeJS.ErrnoException & { dest?: string }) | undefined;
  const errno = err?.code;
  if (typeof errno !== 'string') return undefined;
  const entry = BY_ERRNO[errno];
  if (!entry) return undefined;
  const where = typeof err?.path === 'string' ? shown(err.path, cwd) : fallback;
  const target = errno === 'EXDEV' && typeof err?.dest === 'string' ? `${where} → ${shown(err.dest, cwd)}` : where;
  return problem(entry, { path: target, note: note ? `; ${note}` : '' });
}

/**
 * The problem for an error met while writing a build into `dir` (as the user knows it): an OS
 * error of the user's making, or the machine's state (quota, open files); undefined for a bug.
 */
export function outputProblem(e: unknown, dir: string, cwd: string = process.cwd()): Problem | undefined {
  const p = osProblem(e, cwd, dir, 'the last good output is unchanged');
  if (p) return p;
  const errno = (e as NodeJS.ErrnoException | undefined)?.code;
  if (typeof errno !== 'string' || !(errno in MACHINE)) return undefined;
  return problem(E.OutputUnwritable, { dir, detail: MACHINE[errno]!, errno });
}
