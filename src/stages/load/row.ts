/** What the loader hands on: a row of named fields that remembers where it came from. */
import type { Problem } from '../../errors/index.js';

export interface Origin {
  /** source file, relative to the working directory (posix separators) */
  file: string;
  /** 1-based line where the row starts (CSV: the physical line, so quoted newlines count); Parquet: the row number */
  line: number;
  /** `line` counts rows, not lines (Parquet): shown as `data/x.parquet:row 1234` */
  row?: true;
}

export interface Row {
  /** field name → value; CSV values are always strings */
  data: Record<string, unknown>;
  origin: Origin;
  /** 0-based position among the rows read (after offset), the template's @index */
  index: number;
  /** set when the row could not be read; `data` is then empty and `raw` holds the text */
  fault?: Problem;
  raw?: string;
}

export function formatOrigin(o: Origin): string {
  return o.row ? `${o.file}:row ${o.line}` : `${o.file}:${o.line}`;
}
