/**
 * Turns what an SDK throws (HTTP error, connection failure, timeout) into an `api-failed`
 * problem naming the provider and the step, so the CLI prints one line instead of a stack.
 */
import { BatchforgeError, E, isBatchforgeError, problem } from '../errors/index.js';

export function apiFailure(e: unknown, provider: string, action: string): BatchforgeError {
  if (isBatchforgeError(e)) return e;
  return new BatchforgeError(problem(E.ApiFailed, { provider, action, detail: detailOf(e) }));
}

/**
 * "401 Incorrect API key provided": the HTTP status and the provider's own message. The SDKs
 * keep the parsed error body in `error`: OpenAI's `{message}`, Anthropic's `{error: {message}}`.
 */
function detailOf(e: unknown): string {
  const err = e as { status?: unknown; error?: { message?: unknown; error?: { message?: unknown } }; message?: unknown };
  const message = typeof err?.message === 'string' ? err.message : String(e);
  if (typeof err?.status !== 'number') return message;
  const inner = err.error?.error?.message ?? err.error?.message;
  return typeof inner === 'string' ? `${err.status} ${inner}` : message;
}

/** Runs one remote call; failures become `api-failed`. */
export async function remote<T>(provider: string, action: string, call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (e) {
    throw apiFailure(e, provider, action);
  }
}
