/**
 * Turns what an SDK throws (HTTP error, connection failure, timeout) into an `api-failed`
 * problem naming the provider and the step, so the CLI prints one line instead of a stack.
 */
import { BatchforgeError, E, isBatchforgeError, problem } from '../errors/index.js';

export function apiFailure(e: unknown, provider: string, action: string): BatchforgeError {
  if (isBatchforgeError(e)) return e;
  const err = e as { status?: unknown; message?: unknown };
  const message = typeof err?.message === 'string' ? err.message : String(e);
  return new BatchforgeError(problem(E.ApiFailed, { provider, action, detail: message }));
}

/** Runs one remote call; failures become `api-failed`. */
export async function remote<T>(provider: string, action: string, call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (e) {
    throw apiFailure(e, provider, action);
  }
}
