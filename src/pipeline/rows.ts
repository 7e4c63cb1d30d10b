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
  const { offset, limit } = batch.source;
  let toSkip = offset;
  let kept = 0;
  const max = limit ?? Infinity;
  const opts: ReadOptions = batch.source.csv ? { csv: batch.source.csv } : {};
  if (batch.source.decoding) opts.decoding = batch.source.decoding;
  const warnings = counts.warnings;
  if (warnings) opts.onWarning = (p) => warnings.push(p);
  if (chunkRows !== undefined) opts.chunkRows = chunkRows;
  if (onBytes) opts.onBytes = onBytes;
  for await (const chunk of readRows(files, opts)) {
    const out: Row[] = [];
    for (const row of chunk) {
      if (kept >= max) break;
      counts.scanned++;
      if (!row.fault) {
        let keep: boolean;
        try {
          keep = plan.keep(row);
        } catch (e) {
          if (!(e instanceof RowError)) throw e;
          row.fault = e.problem;
          keep = true;
        }
        if (!keep) {
          counts.skipped++;
          continue;
        }
      }
      if (toSkip > 0) {
        toSkip--;
        counts.skipped++;
        continue;
      }
      row.index = kept++;
      out.push(row);
    }
    if (out.length) yield out;
    if (kept >= max) return;
  }
}
