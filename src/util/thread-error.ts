/**
 * An error as it crosses between threads: a structured clone keeps neither an Error's class nor
 * its errno code, and both decide how the CLI reports it (a BatchforgeError is the user's; a
 * full disk is the machine's state, see outputProblem; anything else is a bug).
 */
import { BatchforgeError, type Problem } from '../errors/index.js';

export type ThreadError = { problems: Problem[] } | { message: string; stack?: string; code?: string };

export function toThreadError(e: unknown): ThreadError {
  if (e instanceof BatchforgeError) return { problems: e.problems };
  const err = e as NodeJS.ErrnoException | undefined;
  return { message: err?.message ?? String(e), ...(err?.stack && { stack: err.stack }), ...(typeof err?.code === 'string' && { code: err.code }) };
}

/** `prefix` says where a bug happened; problems are the user's and keep their text */
export function fromThreadError(d: ThreadError, prefix = ''): Error {
  if ('problems' in d) return new BatchforgeError(d.problems);
  const err: NodeJS.ErrnoException = new Error(prefix + d.message);
  if (d.stack) err.stack = d.stack;
  if (d.code) err.code = d.code;
  return err;
}
