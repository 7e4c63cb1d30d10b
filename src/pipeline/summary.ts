/** What a build did, per batch and in total; rows = written + rejected, always. */
export interface BatchSummary {
  name: string;
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
  const sum = (k: 'rows' | 'written' | 'rejected' | 'shards' | 'bytes') => batches.reduce((a, b) => a + b[k], 0);
  return { batches, rows: sum('rows'), written: sum('written'), rejected: sum('rejected'), shards: sum('shards'), bytes: sum('bytes'), ms };
}
