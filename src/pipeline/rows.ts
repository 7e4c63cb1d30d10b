/**
 * The rows of one batch, in arrays: the loader's rows after source.filter, offset and limit, with
 * @index renumbered over the rows kept. Reading stops as soon as the limit is reached.
 */
import type { ResolvedBatch } from '../config/resolved.js';
import type { Problem } from '../errors/index.js';
import { readRows, type ByteSinkFor, type ReadOptions, type SourceFile } from '../stages/load/index.js';
import type { Row } from '../stages/load/row.js';
import type { RequestPlan } from '../stages/render/plan.js';
import { RowError } from '../stages/render/template.js';

export interface RowCounts {
  /** rows the loader produced, faulty ones included */
  scanned: number;
  /** rows dropped by filter or offset */
  skipped: number;
  /** the loader's warnings (bytes invalid in a file's encoding), when the caller reports them */
  warnings?: Problem[];
}

/** what RowWindow.admit says of a row that is not kept */
export const SKIPPED = -1;
/** … and of a row past the limit: it is not even scanned, and reading stops */
export const PAST_LIMIT = -2;

/**
 * source.offset and source.limit over the rows in order, and the counts they make: each row is
 * admitted with its @index, or skipped, or found past the limit. The one rule both the row stream
 * below and the worker threads' chunks (thread-outcomes.ts) follow.
 */
export class RowWindow {
  private toSkip: number;
  private kept = 0;
  private readonly max: number;

  constructor(
    source: ResolvedBatch['source'],
    readonly counts: RowCounts,
  ) {
    this.toSkip = source.offset;
    this.max = source.limit ?? Infinity;
  }

  /** the limit is reached: no row after this one is read */
  get full(): boolean {
    return this.kept >= this.max;
  }

  /** `passes`: the row is faulty or passes source.filter. Returns its @index, SKIPPED or PAST_LIMIT. */
  admit(passes: boolean): number {
    if (this.kept >= this.max) return PAST_LIMIT;
    this.counts.scanned++;
    if (!passes || this.toSkip > 0) {
      if (passes) this.toSkip--;
      this.counts.skipped++;
      return SKIPPED;
    }
    return this.kept++;
  }
}

/** Whether the row passes source.filter; a filter that cannot be rendered makes the row faulty (and kept, to be reported). */
export function passesFilter(plan: RequestPlan, row: Row): boolean {
  if (row.fault) return true;
  try {
    return plan.keep(row);
  } catch (e) {
    if (!(e instanceof RowError)) throw e;
    row.fault = e.problem;
    return true;
  }
}

/** How a batch's source files are read (format options, decoding, warnings, byte sink). */
export function readOptionsOf(batch: ResolvedBatch, counts: RowCounts, onBytes?: ByteSinkFor): ReadOptions {
  const opts: ReadOptions = batch.source.csv ? { csv: batch.source.csv } : {};
  if (batch.source.decoding) opts.decoding = batch.source.decoding;
  const warnings = counts.warnings;
  if (warnings) opts.onWarning = (p) => warnings.push(p);
  if (onBytes) opts.onBytes = onBytes;
  return opts;
}

export async function* batchRows(
  batch: ResolvedBatch,
  files: SourceFile[],
  plan: RequestPlan,
  counts: RowCounts,
  /** rows per array (preview asks for small arrays so that it stops reading early) */
  chunkRows?: number,
  /** sees the bytes read (build hashes the sources from them) */
  onBytes?: ByteSinkFor,
): AsyncGenerator<Row[]> {
  const window = new RowWindow(batch.source, counts);
  const opts = readOptionsOf(batch, counts, onBytes);
  if (chunkRows !== undefined) opts.chunkRows = chunkRows;
  for await (const chunk of readRows(files, opts)) {
    const out: Row[] = [];
    for (const row of chunk) {
      if (window.full) break;
      const index = window.admit(passesFilter(plan, row));
      if (index === SKIPPED) continue;
      row.index = index;
      out.push(row);
    }
    if (out.length) yield out;
    if (window.full) return;
  }
}
