import type { SourceFormat } from './source-format.js';

export interface SourceFile {
  /** absolute path */
  path: string;
  /** the name used in messages and row origins, e.g. `data/rows.csv` */
  display: string;
  format: SourceFormat;
}

export interface ReadOptions {
  /** CSV only, one character (default `,`); TSV always uses a tab */
  delimiter?: string;
  /** rows per yielded array (default 1024) */
  chunkRows?: number;
  /** bytes per file read (default 256 KiB); small values let tests split text anywhere */
  readBytes?: number;
}
