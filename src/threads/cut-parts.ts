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
  /** CSV: the header's names, and whether records end with CRLF */
  header?: string[];
  crlf?: boolean;
}

export async function* cutParts(files: SourceFile[], target: number, csv: CsvOptions, onBytes?: ByteSinkFor): AsyncGenerator<Part> {
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
      yield* cutFile(i, file, fh, target, csv, onBytes?.(file));
    } finally {
      await fh.close();
    }
  }
}

async function* cutFile(index: number, file: SourceFile, fh: FileHandle, target: number, csv: CsvOptions, sink: ByteSink | undefined): AsyncGenerator<Part> {
  let carry: Buffer = Buffer.alloc(0);
  let eof = false;
  /** a fresh buffer: what is carried over, then up to `more` new bytes */
  const fill = async (more: number): Promise<Buffer> => {
    const buf = Buffer.allocUnsafeSlow(carry.length + more);
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
    let cut = recordEnd(buf, false, true);
    for (let more = target; cut < 0 && !eof; more *= 2) {
      carry = buf;
      buf = await fill(more);
      cut = recordEnd(buf, false, true);
    }
    if (cut < 0) cut = buf.length;
    const head = buf.subarray(0, cut);
    carry = Buffer.from(buf.subarray(cut));
    if (head.length === 0) {
      if (eof) return finish(sink);
    }
    ({ header, crlf } = readHeader(file, head, csv));
    line += countLineBreaks(head);
    first = false;
  }
  for (let more = target; ; ) {
    const buf = await fill(more);
    if (buf.length === 0) break;
    let cut = isCsv ? recordEnd(buf, crlf === true, false) : buf.lastIndexOf(LF) + 1;
    if (cut <= 0) {
      if (!eof) {
        // no record ends in what was read: read on, more each time, so a long record costs linear time
        carry = buf;
        more *= 2;
        continue;
      }
      cut = buf.length;
    }
    const bytes = buf.subarray(0, cut);
    carry = cut < buf.length ? Buffer.from(buf.subarray(cut)) : Buffer.alloc(0);
    more = target;
    // counted before the part is handed over: a transferred buffer is empty here
    const lines = isCsv ? countLineBreaks(bytes) : countLf(bytes);
    yield { file: index, bytes, line, first, ...(header && { header, crlf: crlf === true }) };
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
 * The end of the first (`firstOnly`) or last complete record in buf, which starts at a record
 * boundary: just after an LF (after CRLF when `crlf`) preceded by an even number of quotes. -1 when none.
 */
export function recordEnd(buf: Buffer, crlf: boolean, firstOnly: boolean): number {
  let quotes = 0;
  let q = buf.indexOf(QUOTE);
  let best = -1;
  for (let lf = buf.indexOf(LF); lf !== -1; lf = buf.indexOf(LF, lf + 1)) {
    while (q !== -1 && q < lf) {
      quotes++;
      q = buf.indexOf(QUOTE, q + 1);
    }
    if ((quotes & 1) === 0 && (!crlf || (lf > 0 && buf[lf - 1] === CR))) {
      best = lf + 1;
      if (firstOnly) return best;
    }
  }
  return best;
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
