import type { CsvOptions } from './csv-options.js';
import type { TextOptions } from './decode-text.js';
import type { Problem } from '../../errors/index.js';
import type { SourceFormat } from './source-format.js';

export interface SourceFile {
  /** absolute path */
  path: string;
  /** the name used in messages and row origins, e.g. `data/rows.csv` */
  display: string;
  format: SourceFormat;
  /** source.encoding, bom and strict_encoding (default: UTF-8 unless a BOM says otherwise) */
  decoding?: Decoding;
}

export interface Decoding extends TextOptions {
  /** strict_encoding: invalid bytes are an error, not a warning */
  strict?: boolean;
}

/** A file as decoded text chunks (readTextChunks by default; tests feed text cut anywhere). */
export type TextSource = (file: SourceFile, readBytes?: number) => AsyncIterable<string>;

export interface ReadOptions {
  /** how CSV and TSV files are written (csv-parse's options; TSV's delimiter defaults to a tab) */
  csv?: CsvOptions;
  /** how every file's bytes become text */
  decoding?: Decoding;
  /** gets the loader's warnings (bytes invalid in the file's encoding) */
  onWarning?: (p: Problem) => void;
  /** rows per yielded array (default DEFAULT_CHUNK_ROWS) */
  chunkRows?: number;
  /** bytes per file read (default 64 KiB); small values let tests split text anywhere */
  readBytes?: number;
  /**
   * the text is one part of a file, cut at a record boundary (a worker thread's chunk): the number
   * of its first line, and for CSV the header's names, read from the start of the file
   */
  part?: FilePart;
  /** where CSV, TSV and JSONL text comes from (default: readTextChunks, this thread reads the file) */
  text?: TextSource;
  /**
   * sees each file's bytes as readTextChunks reads them, so the manifest's hash needs no second
   * read: called when a file is opened; the sink it returns gets every block in order, then `null`
   * at the end of the file (not when reading stops early)
   */
  onBytes?: ByteSinkFor;
}

/** `(block)` for each block read, `(null)` at the end of the file */
export type ByteSink = (block: Buffer | null) => void;
export type ByteSinkFor = (file: SourceFile) => ByteSink | undefined;

/** Where a part of a file starts (ReadOptions.part). */
export interface FilePart {
  /** the 1-based line of the part's first character */
  line: number;
  /** CSV: the header's names (the part holds no header) */
  header?: string[];
  /** CSV: the record delimiter the header ended with (the part's parser does not detect it again) */
  recordDelimiter?: '\n' | '\r\n';
}
