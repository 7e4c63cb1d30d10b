/**
 * The loader stage: source files → rows, streamed in arrays. Rows of every file come in order,
 * numbered across files; a row that cannot be read carries a `fault` instead of stopping the
 * stage, so the pipeline decides whether to skip it or stop.
 */
import { readCsv } from './read-csv.js';
import { readJson } from './read-json.js';
import { readJsonl } from './read-jsonl.js';
import { readTextChunks } from './read-text.js';
import { RowBatcher } from './row-batcher.js';
import type { Row } from './row.js';
import type { ReadOptions, SourceFile } from './source-file.js';

export type { Row, Origin } from './row.js';
export { formatOrigin } from './row.js';
export type { SourceFormat } from './source-format.js';
export { formatFromPath } from './source-format.js';
export type { SourceFile, ReadOptions, TextSource, Decoding, ByteSink, ByteSinkFor, FilePart } from './source-file.js';
export { SOURCE_ENCODINGS, type SourceEncoding } from './decode-text.js';
export { resolveSources } from './resolve-sources.js';
export { CsvParser, type CsvSink } from './csv-parser.js';
export { CSV_OPTION_KEYS, type CsvOptions } from './csv-options.js';

/**
 * Rows per array handed down the pipeline. A chunk's rows (and the text they are sliced from)
 * live until it is rendered, so they survive young-generation GCs and get copied into the old
 * one: 1M rows measured 141 MB peak RSS at 128 rows against 180 MB at 1024, and 10% faster.
 */
export const DEFAULT_CHUNK_ROWS = 128;

export async function* readRows(files: SourceFile[], opts: ReadOptions = {}): AsyncGenerator<Row[]> {
  const csv = opts.csv ?? {};
  const out = new RowBatcher(Math.max(1, Math.floor(opts.chunkRows ?? DEFAULT_CHUNK_ROWS)));
  const text = opts.text ?? ((f: SourceFile, readBytes?: number) => readTextChunks(f, readBytes, opts.onWarning, opts.onBytes));
  for (const given of files) {
    const file = opts.decoding && !given.decoding ? { ...given, decoding: opts.decoding } : given;
    switch (file.format) {
      case 'csv':
        yield* readCsv(file, csv, ',', out, opts.readBytes, text, opts.part);
        break;
      case 'tsv':
        yield* readCsv(file, csv, '\t', out, opts.readBytes, text, opts.part);
        break;
      case 'jsonl':
        yield* readJsonl(file, out, opts.readBytes, text, opts.part?.line);
        break;
      case 'json':
        yield* readJson(file, out, text);
        break;
      case 'parquet':
        // hyparquet and its compressors (~50 ms to load) only for a Parquet source
        yield* (await import('./read-parquet.js')).readParquet(file, out);
        break;
    }
  }
  yield* out.rest();
}
