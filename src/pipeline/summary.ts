/** What a build did, per batch and in total; rows × matrix variants = written + rejected, always. */
export interface BatchSummary {
  /** the shard prefix (a matrix partition's name) */
  name: string;
  /** the config batch it belongs to: partitions of one batch share its rows */
  group: string;
  provider: string;
  /** rows the loader produced */
  scanned: number;
  /** dropped by source.filter / offset */
  skipped: number;
  /** rows that reached the renderer */
  rows: number;
  written: number;
  rejected: number;
  shards: number;
  bytes: number;
}

export interface BuildSummary {
  batches: BatchSummary[];
  rows: number;
  written: number;
  rejected: number;
  shards: number;
  bytes: number;
  ms: number;
}

export function totals(batches: BatchSummary[], ms: number): BuildSummary {
  const sum = (k: 'written' | 'rejected' | 'shards' | 'bytes') => batches.reduce((a, b) => a + b[k], 0);
  // the partitions of one matrix batch read the same rows: count them once
  const rows = [...new Map(batches.map((b) => [b.group, b.rows])).values()].reduce((a, n) => a + n, 0);
  return { batches, rows, written: sum('written'), rejected: sum('rejected'), shards: sum('shards'), bytes: sum('bytes'), ms };
}
