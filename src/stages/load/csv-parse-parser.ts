/**
 * Every CSV dialect, read by csv-parse itself: this file adds only what batchforge needs around
 * it — line numbers for records, and going on after a record csv-parse refuses.
 *
 * csv-parse stops at its first error (or, with skip_records_with_error, keeps an unclosed quote
 * open to the end of the file). Here, a refused record is reported at the line it starts on and
 * a fresh csv-parse starts at the next line, with the record delimiter the first one found; the
 * fast path (csv-parser.ts) resumes at the same place, so both read the same rows.
 *
 * csv-parse is driven through its synchronous core (`Parser#api.parse`, the function its sync
 * and stream APIs share; pinned version) so that records come out in step with the text pushed.
 * The bytes since the end of the last record are kept, to number lines and to restart from.
 */
import { Parser, type CsvError, type Options } from 'csv-parse';
import type { CsvRecordParser, CsvSink } from './csv-parser.js';
import { faultOfCsvParseCode, type CsvFaultKind } from './csv-fault.js';
import { countLineBreakBytes } from './count-lines.js';

const LF = 10;
const CR = 13;

/** csv-parse's options that decide how text is split into records and fields */
export type CsvParseDialect = Pick<
  Options,
  'delimiter' | 'quote' | 'escape' | 'record_delimiter' | 'comment' | 'relax_quotes' | 'trim' | 'ltrim' | 'rtrim' | 'skip_empty_lines'
>;

interface RecordInfo {
  bytes: number;
  empty_lines: number;
  comment_lines: number;
}

interface CsvParseCore {
  parse(buf: Buffer | undefined, end: boolean, push: (record: unknown) => void, close: () => void): CsvError | Error | undefined;
  options: { record_delimiter: Buffer[] };
  info: RecordInfo;
}

export class CsvParseParser implements CsvRecordParser {
  private core!: CsvParseCore;
  /** the bytes after the last record read; retained[0] is on line `line` */
  private retained: Buffer = Buffer.alloc(0);
  /** absolute offset of retained[0], and of the first byte the current csv-parse was given */
  private at = 0;
  private base = 0;
  private line = 1;
  /** empty and comment lines the current csv-parse skipped before the last record */
  private skipped = 0;
  /** a refused record's line has not ended yet: resume once it does, from this offset in retained */
  private waitingFrom = -1;
  private refused: { kind: CsvFaultKind; column: number } | undefined;
  private recordDelimiter: string[] | undefined;

  constructor(
    private readonly dialect: CsvParseDialect,
    private readonly sink: CsvSink,
  ) {
    this.start();
  }

  push(chunk: string): void {
    if (chunk.length === 0) return;
    const buf = Buffer.from(chunk, 'utf8');
    this.retained = this.retained.length === 0 ? buf : Buffer.concat([this.retained, buf]);
    if (this.waitingFrom === -1) this.run(buf, false);
    else if (this.resume(false)) this.run(this.retained, false);
  }

  end(): void {
    if (this.waitingFrom === -1) this.run(undefined, true);
    else if (this.resume(true)) this.run(this.retained, true);
  }

  private start(): void {
    const parser = new Parser({
      ...this.dialect,
      ...(this.recordDelimiter && { record_delimiter: this.recordDelimiter }),
      bom: false,
      columns: false,
      relax_column_count: true,
      on_record: (record: string[], info: unknown) => {
        this.record(record, info as RecordInfo);
        return null;
      },
    });
    this.core = (parser as unknown as { api: CsvParseCore }).api;
    this.base = this.at;
    this.skipped = 0;
  }

  private run(input: Buffer | undefined, final: boolean): void {
    for (;;) {
      const err = this.core.parse(input, final, () => undefined, () => undefined);
      if (err === undefined) return;
      if (!this.refuse(err, final)) return;
      input = this.retained;
    }
  }

  private record(fields: string[], info: RecordInfo): void {
    const skippedNow = info.empty_lines + info.comment_lines;
    const start = this.skipRecords(skippedNow - this.skipped);
    const line = this.line + countLineBreakBytes(this.retained, 0, start);
    const end = this.base + info.bytes - this.at;
    let textEnd = end;
    this.keepRecordDelimiter();
    for (const rd of this.recordDelimiter ?? []) {
      if (textEnd - start >= rd.length && this.retained.toString('utf8', textEnd - Buffer.byteLength(rd), textEnd) === rd) {
        textEnd -= Buffer.byteLength(rd);
        break;
      }
    }
    const text = this.retained.toString('utf8', start, textEnd);
    this.sink.record(fields, line, text, 0, text.length);
    this.line = line + countLineBreakBytes(this.retained, start, end);
    this.retained = this.retained.subarray(end);
    this.at += end;
    this.skipped = skippedNow;
  }

  /** The record delimiter csv-parse found, for the csv-parse that takes over after a refused record. */
  private keepRecordDelimiter(): void {
    if (this.recordDelimiter === undefined && this.core.options.record_delimiter.length > 0) {
      this.recordDelimiter = this.core.options.record_delimiter.map((b) => b.toString('utf8'));
    }
  }

  /** Where the record after `n` empty or comment lines starts in retained (csv-parse ends each at a record delimiter). */
  private skipRecords(n: number): number {
    const rds = this.core.options.record_delimiter;
    let at = 0;
    for (let i = 0; i < n; i++) {
      let next = -1;
      for (const rd of rds) {
        const found = this.retained.indexOf(rd, at);
        if (found !== -1 && (next === -1 || found < next)) next = found + rd.length;
      }
      at = next === -1 ? this.retained.length : next;
    }
    return at;
  }

  /** Notes the record csv-parse refused; true when a fresh csv-parse is ready at the next line. */
  private refuse(err: CsvError | Error, final: boolean): boolean {
    const kind = faultOfCsvParseCode((err as CsvError).code ?? '');
    if (kind === undefined) throw err;
    const start = this.skipRecords(this.core.info.empty_lines + this.core.info.comment_lines - this.skipped);
    this.line += countLineBreakBytes(this.retained, 0, start);
    this.refused = { kind, column: ((err as unknown as { column: number }).column) + 1 };
    this.waitingFrom = start;
    return this.resume(final);
  }

  /**
   * Once the refused record's first line has ended: reports it with that line's text and starts
   * a fresh csv-parse on the next line.
   */
  private resume(final: boolean): boolean {
    const start = this.waitingFrom;
    const next = nextLineStartIn(this.retained, start, final);
    if (next === -1) return false;
    let end = next;
    while (end > start && (this.retained[end - 1] === LF || this.retained[end - 1] === CR)) end--;
    const { kind, column } = this.refused!;
    this.sink.fault(kind, this.line, column, this.retained.toString('utf8', start, end));
    this.waitingFrom = -1;
    this.retained = this.retained.subarray(next);
    this.at += next;
    this.line++;
    this.keepRecordDelimiter();
    this.start();
    return true;
  }
}

/** where the line after the one holding `from` starts (see nextLineStart in count-lines.ts) */
function nextLineStartIn(buf: Buffer, from: number, final: boolean): number {
  for (let i = from; i < buf.length; i++) {
    const c = buf[i];
    if (c === LF) return i + 1;
    if (c === CR) {
      if (i + 1 < buf.length) return buf[i + 1] === LF ? i + 2 : i + 1;
      return final ? i + 1 : -1;
    }
  }
  return final ? buf.length : -1;
}

