/**
 * The `source:` keys that say how a CSV/TSV file is written, with csv-parse's names and
 * meanings (https://csv.js.org/parse/options/). batchforge's defaults differ from csv-parse's in
 * two places only: the first record names the columns (`columns: true`) and empty lines are
 * skipped (`skip_empty_lines: true`).
 */
import { normalize_options } from 'csv-parse';
import { BatchforgeError, E, problem } from '../../errors/index.js';
import type { CsvParseDialect } from './csv-parse-parser.js';

export interface CsvOptions {
  /** one or more characters between fields (default "," for csv, a tab for tsv) */
  delimiter?: string;
  /** the quote character; false (or "") reads quotes as text */
  quote?: string | false;
  /** the character that escapes a quote inside a quoted field (default: the quote itself) */
  escape?: string | false;
  /** the characters that end a record; auto (or unset): the first LF, CRLF or CR found */
  record_delimiter?: string;
  /** text from this character to the end of the line is ignored */
  comment?: string;
  from_line?: number;
  to_line?: number;
  /** true: the first record names the columns; a list: these names, no header; false: columns are named 0, 1, 2… */
  columns?: boolean | string[];
  relax_column_count?: boolean;
  relax_quotes?: boolean;
  trim?: boolean;
  ltrim?: boolean;
  rtrim?: boolean;
  skip_empty_lines?: boolean;
}

/** the keys above, for the config resolver to copy */
export const CSV_OPTION_KEYS = [
  'delimiter',
  'quote',
  'escape',
  'record_delimiter',
  'comment',
  'from_line',
  'to_line',
  'columns',
  'relax_column_count',
  'relax_quotes',
  'trim',
  'ltrim',
  'rtrim',
  'skip_empty_lines',
] as const satisfies ReadonlyArray<keyof CsvOptions>;

/** What csv-parse needs to split the text; columns, counts and lines are batchforge's (read-csv.ts). */
export function parseDialect(opts: CsvOptions, defaultDelimiter: string): CsvParseDialect {
  const d: CsvParseDialect = { delimiter: opts.delimiter ?? defaultDelimiter, skip_empty_lines: opts.skip_empty_lines ?? true };
  if (opts.quote !== undefined) d.quote = opts.quote === '' ? false : opts.quote;
  if (opts.escape !== undefined) d.escape = opts.escape;
  if (opts.record_delimiter !== undefined && opts.record_delimiter !== 'auto') d.record_delimiter = opts.record_delimiter;
  if (opts.comment !== undefined) d.comment = opts.comment;
  if (opts.relax_quotes) d.relax_quotes = true;
  if (opts.trim) d.trim = true;
  if (opts.ltrim) d.ltrim = true;
  if (opts.rtrim) d.rtrim = true;
  return d;
}

/**
 * True when the fast path (csv-parser.ts) reads this dialect exactly as csv-parse would: one
 * delimiter character, `"` as quote and escape, the record delimiter found by itself, empty
 * lines skipped, nothing trimmed, relaxed or commented. csv-fast-path.test.ts holds it to that.
 * (columns, relax_column_count, from_line and to_line act on records, after either parser.)
 */
export function fastPathServes(d: CsvParseDialect): boolean {
  const delimiter = d.delimiter as string;
  return (
    delimiter.length === 1 &&
    delimiter !== '"' &&
    delimiter !== '\r' &&
    delimiter !== '\n' &&
    (d.quote === undefined || d.quote === '"') &&
    (d.escape === undefined || d.escape === '"') &&
    d.record_delimiter === undefined &&
    d.comment === undefined &&
    d.skip_empty_lines === true &&
    !d.relax_quotes &&
    !d.trim &&
    !d.ltrim &&
    !d.rtrim
  );
}

/** csv-parse's own check of the options (a delimiter equal to the quote, an unknown record_delimiter …), as a config problem */
export function checkDialect(d: CsvParseDialect, file: string): void {
  const fail = (detail: string) => new BatchforgeError(problem(E.SourceCsvOptionInvalid, { detail }, { file }));
  try {
    normalize_options({ ...d });
  } catch (err) {
    throw fail((err as Error).message);
  }
  // csv-parse accepts these, and then reads nothing sensible
  const delimiter = d.delimiter as string;
  const quote = d.quote === undefined ? '"' : d.quote;
  if (quote !== false && delimiter === quote) throw fail(`delimiter and quote are both ${JSON.stringify(delimiter)}`);
  if (d.record_delimiter === undefined && /[\r\n]/.test(delimiter)) throw fail(`delimiter ${JSON.stringify(delimiter)} holds a line end`);
  if (d.comment !== undefined && (d.comment === delimiter || d.comment === quote)) throw fail(`comment ${JSON.stringify(d.comment)} is also the ${d.comment === delimiter ? 'delimiter' : 'quote'}`);
}
