/**
 * Provider batch objects, reduced to what submit-state.json keeps. OpenAI-compatible batches
 * (and Together's `{job: …}` wrapper with upper-case statuses) and Anthropic message batches
 * land in the same fields.
 */
import type { RequestCounts, ShardState } from './state.js';

/** Statuses after which nothing changes any more. */
export const TERMINAL = new Set(['completed', 'failed', 'expired', 'cancelled', 'ended']);

export function isTerminal(status: string): boolean {
  return TERMINAL.has(status);
}

type Update = Pick<ShardState, 'status' | 'counts' | 'output_file_id' | 'error_file_id' | 'errors'> & { id: string };

interface OpenAiBatchLike {
  id: string;
  status: string;
  request_counts?: { total?: number; completed?: number; failed?: number } | null;
  output_file_id?: string | null;
  error_file_id?: string | null;
  errors?: { data?: Array<{ code?: string | null; message?: string | null; line?: number | null }> | null } | null;
}

export function fromOpenAiBatch(raw: unknown): Update {
  const b = ((raw as { job?: unknown }).job ?? raw) as OpenAiBatchLike;
  const c = b.request_counts;
  const errors = (b.errors?.data ?? []).map((d) => {
    const e: { code: string; message: string; line?: number } = { code: d.code ?? 'error', message: d.message ?? '' };
    if (typeof d.line === 'number') e.line = d.line;
    return e;
  });
  return {
    id: b.id,
    status: String(b.status).toLowerCase(),
    counts: c ? { total: c.total ?? 0, completed: c.completed ?? 0, failed: c.failed ?? 0 } : null,
    output_file_id: b.output_file_id ?? null,
    error_file_id: b.error_file_id ?? null,
    errors,
  };
}

interface AnthropicBatchLike {
  id: string;
  processing_status: string;
  request_counts: { processing: number; succeeded: number; errored: number; canceled: number; expired: number };
}

export function fromAnthropicBatch(b: AnthropicBatchLike): Update {
  const c = b.request_counts;
  const counts: RequestCounts = {
    total: c.processing + c.succeeded + c.errored + c.canceled + c.expired,
    completed: c.succeeded,
    failed: c.errored + c.canceled + c.expired,
  };
  return { id: b.id, status: b.processing_status, counts, output_file_id: null, error_file_id: null, errors: [] };
}
