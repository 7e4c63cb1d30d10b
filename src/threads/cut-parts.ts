/**
 * Source files cut into parts at record boundaries, for worker threads to parse on their own.
 * JSONL: every LF ends a record. CSV (the default dialect only): an LF ends a record when the
 * quotes before it are even in number — true of every record csv-parse reads without a fault, and
 * a faulty one makes the worker refuse its part before any wrong cut could matter (a stray quote
 * is found where it stands, in the part that holds it). The header is read here, with the same
 * parser, and handed to every part.
 *
 * The bytes are read once: each read goes to the byte sink (the manifest's hash) and then, in a
 * buffer of its own, to a worker, which is given the buffer rather than a copy.
 */
import { open, type FileHandle } from 'node:fs/promises';
import type { CsvOptions } from '../stages/load/csv-options.js';
import { CsvParser } from '../stages/load/csv-parser.js';
import { SourceDecoder } from '../stages/load/decode-text.js';
import type { ByteSink, ByteSinkFor, SourceFile } from '../stages/load/index.js';
import { checkHeader } from '../stages/load/read-csv.js';
import { isBlank } from '../stages/load/read-jsonl.js';
import { OneThreadNeeded } from './one-thread-needed.js';

const LF = 0x0a;
const CR = 0x0d;
const QUOTE = 0x22;

export interface Part {
  /** index of the file in the group */
  file: number;
  /** the part's bytes, in a buffer of its own (to be transferred) */
  bytes: Buffer;
  /** the file's line the part starts on */
  line: number;
  /** the part starts the file */
  first: boolean;
  /**
   * the rows the loader will read from it, counted from the bytes (records that are not empty;
   * JSONL lines that are not blank): the worker checks its count against this
   */
  rows: number;
  /** CSV: the header's names, and whether records end with CRLF */
  header?: string[];
  crlf?: boolean;
}

/** Buffers for parts: the worker threads give them back once read, and reads reuse them. */
export class PartBuffers {
  private readonly free: ArrayBuffer[] = [];
  constructor(readonly size: number) {}

  /** a buffer of at least `bytes` */
  take(bytes: number): Buffer {
    const b = this.free.pop();
    if (b && b.byteLength >= bytes) return Buffer.from(b);
    return Buffer.allocUnsafeSlow(Math.max(bytes, this.size));
  }

  give(b: ArrayBuffer): void {
    if (b.byteLength >= this.size && this.free.length < 16) this.free.push(b);
  }
}

export async function* cutParts(files: SourceFile[], target: number, csv: CsvOptions, buffers: PartBuffers, onBytes?: ByteSinkFor): AsyncGenerator<Part> {
  for (let i = 0; i < files.length; i++) {
    const file = files[i]!;
    let fh: FileHandle;
    try {
      fh = await open(file.path, 'r');
    } catch {
      // the one-thread read reports it, in its words
      throw new OneThreadNeeded(`${file.display} cannot be opened`);
    }
    try {
      yield* cutFile(i, file, fh, target, csv, buffers, onBytes?.(file));
    } finally {
      await fh.close();
    }
  }
}

async function* cutFile(index: number, file: SourceFile, fh: FileHandle, target: number, csv: CsvOptions, buffers: PartBuffers, sink: ByteSink | undefined): AsyncGenerator<Part> {
  let carry: Buffer = Buffer.alloc(0);
  let eof = false;
  /** a buffer of its own: what is carried over, then up to `more` new bytes */
  const fill = async (more: number): Promise<Buffer> => {
    const buf = buffers.take(carry.length + more).subarray(0, carry.length + more);
    carry.copy(buf, 0);
    let n = carry.length;
    while (n < buf.length && !eof) {
      const { bytesRead } = await fh.read(buf, n, buf.length - n, null);
      if (bytesRead === 0) eof = true;
      else {
        sink?.(buf.subarray(n, n + bytesRead));
        n += bytesRead;
      }
    }
    return buf.subarray(0, n);
  };
  const isCsv = file.format === 'csv' || file.format === 'tsv';
  let line = 1;
  let first = true;
  let header: string[] | undefined;
  let crlf: boolean | undefined;
  if (isCsv) {
    // the header: the first record, up to the first LF after an even number of quotes
    let buf = await fill(Math.min(target, 64 * 1024));
    let cut = scanRecords(buf, false, true).end;
    for (let more = target; cut < 0 && !eof; more *= 2) {
      carry = buf;
      buf = await fill(more);
      cut = scanRecords(buf, false, true).end;
    }
    if (cut < 0) cut = buf.length;
    if (cut === 0) return finish(sink);
    const head = buf.subarray(0, cut);
    carry = Buffer.from(buf.subarray(cut));
    ({ header, crlf } = readHeader(file, head, csv));
    line += countLineBreaks(head);
    first = false;
  }
  for (let more = target; ; ) {
    const buf = await fill(more);
    if (buf.length === 0) break;
    let cut: number;
    let rows: number;
    if (isCsv) {
      const scan = scanRecords(buf, crlf === true, false);
      cut = scan.end;
      rows = scan.records;
      if (cut < 0 && eof) {
        cut = buf.length;
        // the last record, without a line end
        rows++;
      }
    } else {
      cut = buf.lastIndexOf(LF) + 1;
      if (cut === 0 && eof) cut = buf.length;
      rows = cut > 0 ? jsonlRows(buf.subarray(0, cut), first && file.decoding?.bom !== false) : 0;
    }
    if (cut <= 0) {
      // no record ends in what was read: read on, more each time, so a long record costs linear time
      carry = buf;
      more *= 2;
      continue;
    }
    const bytes = buf.subarray(0, cut);
    carry = cut < buf.length ? Buffer.from(buf.subarray(cut)) : Buffer.alloc(0);
    more = target;
    // counted before the part is handed over: a transferred buffer is empty here
    const lines = isCsv ? countLineBreaks(bytes) : countLf(bytes);
    yield { file: index, bytes, line, first, rows, ...(header && { header, crlf: crlf === true }) };
    line += lines;
    first = false;
    if (eof && carry.length === 0) break;
  }
  finish(sink);
}

function finish(sink: ByteSink | undefined): void {
  sink?.(null);
}

/**
 * In buf, which starts at a record boundary: the end of the first (`firstOnly`) or last complete
 * record — just after an LF (after CRLF when `crlf`) preceded by an even number of quotes; -1 when
 * none — and the records before it that are not empty (empty lines are skipped, as csv-parse's
 * skip_empty_lines does by default).
 */
export function scanRecords(buf: Buffer, crlf: boolean, firstOnly: boolean): { end: number; records: number } {
  let quotes = 0;
  let q = buf.indexOf(QUOTE);
  let end = -1;
  let records = 0;
  let start = 0;
  for (let lf = buf.indexOf(LF); lf !== -1; lf = buf.indexOf(LF, lf + 1)) {
    while (q !== -1 && q < lf) {
      quotes++;
      q = buf.indexOf(QUOTE, q + 1);
    }
    if ((quotes & 1) === 0 && (!crlf || (lf > 0 && buf[lf - 1] === CR))) {
      if ((crlf ? lf - 1 : lf) > start) records++;
      start = end = lf + 1;
      if (firstOnly) break;
    }
  }
  return { end, records };
}

/** JSONL rows in whole lines: lines that are not blank as the loader judges them (read-jsonl.ts) */
function jsonlRows(buf: Buffer, bom: boolean): number {
  let rows = 0;
  let start = bom && buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf ? 3 : 0;
  while (start < buf.length) {
    let end = buf.indexOf(LF, start);
    if (end === -1) end = buf.length;
    const c = buf[start];
    if (end > start && c !== 0x20 && c !== 0x09 && c !== CR) rows++;
    else if (end > start) {
      const text = buf.toString('utf8', start, end);
      if (!isBlank(text.endsWith('\r') ? text.slice(0, -1) : text)) rows++;
    }
    start = end + 1;
  }
  return rows;
}

/** line breaks as CSV origins count them (count-lines.ts): LF, CRLF, and a lone CR */
function countLineBreaks(buf: Buffer): number {
  let n = countLf(buf);
  for (let at = buf.indexOf(CR); at !== -1; at = buf.indexOf(CR, at + 1)) if (buf[at + 1] !== LF) n++;
  return n;
}

function countLf(buf: Buffer): number {
  let n = 0;
  for (let at = buf.indexOf(LF); at !== -1; at = buf.indexOf(LF, at + 1)) n++;
  return n;
}

/** The header record, read as the one-thread path reads it; anything unusual leaves the file to that path. */
function readHeader(file: SourceFile, head: Buffer, csv: CsvOptions): { header: string[]; crlf: boolean } {
  const refuse = (why: string) => new OneThreadNeeded(`${file.display}: ${why}`);
  const decoder = new SourceDecoder(file.decoding ?? {});
  const text = decoder.decode(head, true);
  if (decoder.invalidAt !== undefined || decoder.encoding !== 'utf-8') throw refuse('its header is not UTF-8');
  const records: string[][] = [];
  let faulty = false;
  const delimiter = csv.delimiter ?? (file.format === 'tsv' ? '\t' : ',');
  const parser = new CsvParser(delimiter, {
    record: (fields) => void records.push(fields),
    fault: () => void (faulty = true),
  });
  parser.push(text);
  parser.end();
  if (faulty || records.length !== 1) throw refuse('its first line is not one header record');
  try {
    checkHeader(records[0]!, file.display, 1);
  } catch {
    throw refuse('its header is not valid');
  }
  return { header: records[0]!, crlf: text.endsWith('\r\n') };
}
