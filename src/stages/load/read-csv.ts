/**
 * CSV/TSV files as rows. csv-parse's reading (or the fast path proven identical to it) splits the
 * text; this file names the fields (a header record, a given list, or 0, 1, 2 …), and turns every
 * record that needed a guess into a faulty row with its line and reason, so that no row is ever
 * written with values shifted into the wrong columns. A bad header is a config problem: nothing
 * in the file can be read.
 */
import { BatchforgeError, E, problem } from '../../errors/index.js';
import type { CsvFaultKind } from './csv-fault.js';
import { checkDialect, fastPathServes, parseDialect, type CsvOptions } from './csv-options.js';
import { CsvParseParser } from './csv-parse-parser.js';
import { CsvParser, type CsvRecordParser, type CsvSink } from './csv-parser.js';
import { countLineBreaks } from './count-lines.js';
import { readTextChunks } from './read-text.js';
import { csvFaultRow, faultProblem, malformedRow } from './row-fault.js';
import type { RowBatcher } from './row-batcher.js';
import type { Row } from './row.js';
import type { FilePart, SourceFile, TextSource } from './source-file.js';

export async function* readCsv(
  file: SourceFile,
  opts: CsvOptions,
  defaultDelimiter: string,
  out: RowBatcher,
  readBytes?: number,
  source: TextSource = readTextChunks,
  part?: FilePart,
): AsyncGenerator<Row[]> {
  const dialect = parseDialect(opts, defaultDelimiter);
  checkDialect(dialect, file.display);
  const rows = new CsvRows(file.display, out, opts, part);
  const parser: CsvRecordParser = fastPathServes(dialect) ? new CsvParser(dialect.delimiter as string, rows, part?.recordDelimiter) : new CsvParseParser(dialect, rows);
  for await (const text of source(file, readBytes)) {
    parser.push(text);
    yield* out.full();
    // past to_line: leaving the loop closes the file
    if (rows.past) break;
  }
  if (!rows.past) parser.end();
  yield* out.full();
}

class CsvRows implements CsvSink {
  /**
   * A record started after source.to_line: nothing more is read. from_line and to_line apply to
   * whole records, as in csv-parse, which reads the lines before from_line too (the file is not
   * cut at a line, which could leave a quote open and make lines of a quoted value look like
   * rows): a record that starts before from_line, or runs past to_line, is left out.
   */
  past = false;
  private names: string[] | undefined;
  /** the field count every record must have (header, columns list, or the first record) */
  private expected: number | undefined;
  private build: ((fields: string[]) => Record<string, string>) | undefined;
  private readonly relax: boolean;
  private readonly what: string;
  /** added to the parser's line numbers: the part's first line is not the file's */
  private readonly lineBase: number;

  constructor(
    private readonly file: string,
    private readonly out: RowBatcher,
    private readonly opts: CsvOptions,
    part?: FilePart,
  ) {
    this.relax = opts.relax_column_count === true;
    const columns = opts.columns ?? true;
    this.lineBase = part ? part.line - 1 : 0;
    if (Array.isArray(columns)) this.setNames(columns);
    else if (part?.header) this.setNames(part.header);
    this.what = columns === true ? 'header has' : columns === false ? 'the first row has' : 'source.columns names';
  }

  private setNames(names: string[]): void {
    this.names = names;
    this.expected = names.length;
    this.build = objectBuilder(names);
  }

  record(fields: string[], at: number, text: string, start: number, end: number): void {
    const out = this.out;
    const line = at + this.lineBase;
    const to = this.opts.to_line;
    if (to !== undefined && (this.past || line > to || line + countLineBreaks(text, start, end) > to)) {
      this.past = true;
      return;
    }
    if (line < (this.opts.from_line ?? 1)) return;
    if (this.expected === undefined) {
      if ((this.opts.columns ?? true) === true) {
        checkHeader(fields, this.file, line);
        this.setNames(fields);
        return;
      }
      // columns: false — the first record sets the count, its fields are named by position
      this.setNames(fields.map((_, i) => String(i)));
    }
    const expected = this.expected!;
    if (fields.length !== expected) {
      if (!this.relax) {
        const detail = `row has ${fields.length} field${fields.length === 1 ? '' : 's'}, ${this.what} ${expected}`;
        out.add(malformedRow(this.file, line, out.index++, detail, text.slice(start, end)));
        return;
      }
      out.add({ data: this.relaxed(fields), origin: { file: this.file, line }, index: out.index++ });
      return;
    }
    out.add({ data: this.build!(fields), origin: { file: this.file, line }, index: out.index++ });
  }

  /** relax_column_count, as csv-parse reads it: missing fields are absent; extra ones are dropped (kept, named by position, with columns: false) */
  private relaxed(fields: string[]): Record<string, string> {
    const names = this.names!;
    const data: Record<string, string> = {};
    const n = this.opts.columns === false ? fields.length : Math.min(fields.length, names.length);
    for (let i = 0; i < n; i++) {
      Object.defineProperty(data, names[i] ?? String(i), { value: fields[i]!, enumerable: true, writable: true, configurable: true });
    }
    return data;
  }

  fault(kind: CsvFaultKind, at: number, column: number, raw: string): void {
    const line = at + this.lineBase;
    const to = this.opts.to_line;
    if (to !== undefined && (this.past || line > to)) {
      this.past = true;
      return;
    }
    // a fault before from_line is reported too, as a bad row: csv-parse reads those lines, and a
    // quote left open there changes how the lines after it read
    if (line < (this.opts.from_line ?? 1)) {
      this.out.add(csvFaultRow(this.file, line, this.out.index++, kind, column, raw));
      return;
    }
    if (this.expected === undefined && (this.opts.columns ?? true) === true) {
      // the header itself cannot be read
      const p = faultProblem(kind, column, this.file, line);
      throw new BatchforgeError(problem(E.SourceHeaderInvalid, { detail: p.message }, { file: this.file, line }));
    }
    this.out.add(csvFaultRow(this.file, line, this.out.index++, kind, column, raw));
  }
}

export function checkHeader(names: string[], file: string, line: number): void {
  const seen = new Map<string, number>();
  for (let i = 0; i < names.length; i++) {
    const name = names[i]!;
    let detail: string | undefined;
    if (name === '') detail = `column ${i + 1} has no name`;
    else if (seen.has(name)) detail = `column name ${JSON.stringify(name)} is used twice (columns ${seen.get(name)! + 1} and ${i + 1})`;
    if (detail) throw new BatchforgeError(problem(E.SourceHeaderInvalid, { detail }, { file, line }));
    seen.set(name, i);
  }
}

/**
 * Objects for one header. An object literal compiled once per header builds rows about eight
 * times faster than assigning keys in a loop (one hidden class, no transitions); the keys are
 * JSON string literals, so any header text is safe. `__proto__` as a column name must become an
 * own property, which neither a literal key nor assignment does, so that header takes the slow path.
 */
function objectBuilder(names: string[]): (fields: string[]) => Record<string, string> {
  if (names.includes('__proto__')) {
    return (fields) => {
      const o: Record<string, string> = {};
      for (let i = 0; i < names.length; i++) {
        Object.defineProperty(o, names[i]!, { value: fields[i]!, enumerable: true, writable: true, configurable: true });
      }
      return o;
    };
  }
  const body = names.map((name, i) => `${JSON.stringify(name)}: f[${i}]`).join(',\n');
  return new Function('f', `return {\n${body}\n};`) as (fields: string[]) => Record<string, string>;
}
