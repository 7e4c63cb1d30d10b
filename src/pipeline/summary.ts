/** What a build did, per batch and in total; rows × matrix variants = written + rejected + not reached, always. */
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
  /** rows that reached the renderer (up to where a failing build stopped) */
  rows: number;
  /** rows × this partition's variants = written + rejected + notReached */
  requests: number;
  written: number;
  rejected: number;
  /** requests of the last row read that a build stopping at its error budget did not look at */
  notReached: number;
  shards: number;
  bytes: number;
  /**
   * worker threads that read the rows (1: the build's own thread; a threaded read that met what
   * only a read in order decides, such as a faulty CSV row, was redone on one thread and says 1)
   */
  threads: number;
}

export interface BuildSummary {
  batches: BatchSummary[];
  rows: number;
  /** rows × variants, summed over batches: written + rejected + notReached */
  requests: number;
  written: number;
  rejected: number;
  notReached: number;
  /** a failing build stopped reading at its error budget: rows counts what was read */
  stopped: boolean;
  shards: number;
  bytes: number;
  ms: number;
}

export function totals(batches: BatchSummary[], ms: number, stopped = false): BuildSummary {
  const sum = (k: 'requests' | 'written' | 'rejected' | 'notReached' | 'shards' | 'bytes') => batches.reduce((a, b) => a + b[k], 0);
  // the partitions of one matrix batch read the same rows: count them once
  const rows = [...new Map(batches.map((b) => [b.group, b.rows])).values()].reduce((a, n) => a + n, 0);
  return {
    batches,
    rows,
    requests: sum('requests'),
    written: sum('written'),
    rejected: sum('rejected'),
    notReached: sum('notReached'),
    stopped,
    shards: sum('shards'),
    bytes: sum('bytes'),
    ms,
  };
}
