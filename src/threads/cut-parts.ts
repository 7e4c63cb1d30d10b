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
import type { CsvOptions } from '../stages/load/csv-options.js';
import { countLineBreakBytes } from '../stages/load/count-lines.js';
import { CsvParser } from '../stages/load/csv-parser.js';
import { SourceDecoder } from '../stages/load/decode-text.js';
import type { ByteSink, ByteSinkFor, SourceFile } from '../stages/load/index.js';
import { checkHeader } from '../stages/load/read-csv.js';
import { blockBuffers, readBlocks } from '../util/read-blocks.js';
import { isBlank } from '../stages/load/read-jsonl.js';
import { OneThreadNeeded } from './one-thread-needed.js';

/**
 * The largest record a worker thread is given (more than a model's context holds): a worker's heap
 * is small (group-threads.ts), and a bigger record makes the group read on one thread.
 */
export const MAX_RECORD = 1024 * 1024;
/** a worker decodes a part this many bytes at a time (group-thread.ts `read`) */
export const DECODE_PIECE = 32 * 1024;

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
    if (b.byteLength >= this.size && this.free.length < 4) this.free.push(b);
  }
}

export async function* cutParts(files: SourceFile[], target: number, csv: CsvOptions, buffers: PartBuffers, onBytes?: ByteSinkFor): AsyncGenerator<Part> {
  // the next block is read while this one is cut (readBlocks reads ahead)
  const blocks = blockBuffers(target);
  for (let i = 0; i < files.length; i++) {
    const file = files[i]!;
    const reading = readBlocks(file.path, blocks);
    try {
      yield* cutFile(i, file, reading, csv, buffers, onBytes?.(file));
    } catch (e) {
      if (e instanceof OneThreadNeeded) throw e;
      // unreadable: the one-thread read reports it, in its words
      throw new OneThreadNeeded(`${file.display} cannot be read`);
    } finally {
      await reading.return(undefined);
    }
  }
}

/** The parts of one file: each is what is carried over from the block before plus the next block, cut after its last record. */
async function* cutFile(index: number, file: SourceFile, reading: AsyncGenerator<Buffer>, csv: CsvOptions, buffers: PartBuffers, sink: ByteSink | undefined): AsyncGenerator<Part> {
  const isCsv = file.format === 'csv' || file.format === 'tsv';
  /** bytes read and not yet in a part: the start of a record */
  let carry: Buffer = Buffer.alloc(0);
  let line = 1;
  let first = true;
  let header: string[] | undefined;
  let crlf = false;
  let eof = false;
  /** a buffer of its own holding the carry and the next block ('' at the end of the file) */
  const next = async (): Promise<Buffer> => {
    const r = eof ? { done: true as const, value: undefined } : await reading.next();
    if (r.done) {
      eof = true;
      sink?.(null);
      return carry;
    }
    const block = r.value;
    sink?.(block);
    const buf = buffers.take(carry.length + block.length);
    carry.copy(buf, 0);
    block.copy(buf, carry.length);
    return buf.subarray(0, carry.length + block.length);
  };
  if (isCsv) {
    // the header: the first record, up to the first LF after an even number of quotes
    let cut = -1;
    let buf = carry;
    while (cut < 0 && !eof) {
      buf = carry = await next();
      cut = scanRecords(buf, false, true).end;
    }
    if (buf.length === 0) return;
    if (cut < 0) cut = buf.length;
    const head = buf.subarray(0, cut);
    ({ header, crlf } = readHeader(file, head, csv));
    line += countLineBreakBytes(head);
    first = false;
    carry = Buffer.from(buf.subarray(cut));
  }
  while (!eof || carry.length > 0) {
    const buf = await next();
    if (buf.length === 0) break;
    let cut: number;
    let rows: number;
    if (isCsv) {
      const scan = scanRecords(buf, crlf, false);
      cut = scan.end;
      rows = scan.records;
      if (eof && cut < buf.length) {
        // the last record, without a line end
        rows++;
        cut = buf.length;
      }
    } else {
      cut = eof ? buf.length : buf.lastIndexOf(LF) + 1;
      rows = cut > 0 ? jsonlRows(buf.subarray(0, cut), first && file.decoding?.bom !== false) : 0;
    }
    if (cut <= 0) {
      // no record ends in what was read: carry it all into the next part — up to a point: a worker's
      // heap is kept small, and a record this big is read on the build's own thread
      if (buf.length > MAX_RECORD) throw new OneThreadNeeded(`${file.display} holds a record over ${MAX_RECORD / 1024 / 1024} MiB`);
      carry = eof ? Buffer.alloc(0) : buf;
      continue;
    }
    const bytes = buf.subarray(0, cut);
    carry = cut < buf.length ? Buffer.from(buf.subarray(cut)) : Buffer.alloc(0);
    // counted before the part is handed over: a transferred buffer is empty here
    const lines = isCsv ? countLineBreakBytes(bytes) : countLf(bytes);
    yield { file: index, bytes, line, first, rows, ...(header && { header, crlf }) };
    line += lines;
    first = false;
  }
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
