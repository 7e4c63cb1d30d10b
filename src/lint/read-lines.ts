/**
 * Streams a file as lines, fast: 4 MiB reads (readBlocks), lines split on the byte 0x0A (it never occurs inside
 * a multi-byte UTF-8 sequence, so splitting bytes is exact), and UTF-8 validated once per chunk
 * with the native `isUtf8` — only a chunk that fails is re-checked line by line to name the bad
 * lines. Each line is decoded on its own so an ASCII line stays a one-byte string, which
 * JSON.parse reads faster. Lines go to a synchronous sink: no per-line promise or object.
 */
import { isAscii, isUtf8 } from 'node:buffer';
import { blockBuffers, readBlocks } from '../util/read-blocks.js';

export interface LineSink {
  /** one line, decoded, without its `\n` or `\r\n`; `no` is 1-based */
  line(text: string, no: number): void;
  /** a line whose bytes are not valid UTF-8 */
  invalidUtf8(no: number): void;
}

export interface ReadStats {
  bytes: number;
  lines: number;
  /** the file starts with the UTF-8 byte order mark (it is not passed to the sink) */
  bom: boolean;
  /** first line ending in `\r\n` (0 if none) and how many do */
  crlfFirst: number;
  crlfCount: number;
}

const CHUNK = 4 * 1024 * 1024;
const LF = 0x0a;
const CR = 0x0d;

export async function readLines(path: string, sink: LineSink): Promise<ReadStats> {
  const stats: ReadStats = { bytes: 0, lines: 0, bom: false, crlfFirst: 0, crlfCount: 0 };
  let carry: Buffer | undefined;
  let bomChecked = false;

  // Emits every line in buf[start, end): each ends with \n except possibly the last one of the file.
  const emit = (buf: Buffer, start: number, end: number) => {
    if (!bomChecked) {
      bomChecked = true;
      if (end - start >= 3 && buf[start] === 0xef && buf[start + 1] === 0xbb && buf[start + 2] === 0xbf) {
        stats.bom = true;
        start += 3;
      }
    }
    // ASCII bytes decode the same as Latin-1, and Latin-1 decoding is a plain copy: several times
    // faster than UTF-8's (measured 1.2 s → 0.2 s for 1M lines); most batch lines are ASCII
    const allAscii = isAscii(buf.subarray(start, end));
    const allValid = allAscii || isUtf8(buf.subarray(start, end));
    let s = start;
    while (s < end) {
      let nl = buf.indexOf(LF, s);
      if (nl === -1 || nl >= end) nl = end;
      const no = ++stats.lines;
      let e = nl;
      if (e > s && buf[e - 1] === CR) {
        e--;
        if (stats.crlfCount++ === 0) stats.crlfFirst = no;
      }
      if (allAscii) sink.line(buf.toString('latin1', s, e), no);
      else if (isAscii(buf.subarray(s, e))) sink.line(buf.toString('latin1', s, e), no);
      else if (allValid || isUtf8(buf.subarray(s, e))) sink.line(buf.toString('utf8', s, e), no);
      else sink.invalidUtf8(no);
      s = nl + 1;
    }
  };

  // 4 MiB blocks in two reused buffers: the next is read while this one's lines are checked
  for await (const chunk of readBlocks(path, blockBuffers(CHUNK))) {
    stats.bytes += chunk.length;
    let from = 0;
    if (carry) {
      // Finish the line cut by the previous chunk without copying this whole chunk.
      const nl = chunk.indexOf(LF);
      if (nl === -1) {
        carry = Buffer.concat([carry, chunk]);
        continue;
      }
      const joined = Buffer.concat([carry, chunk.subarray(0, nl + 1)]);
      carry = undefined;
      emit(joined, 0, joined.length);
      from = nl + 1;
    }
    const last = chunk.lastIndexOf(LF);
    if (last >= from) emit(chunk, from, last + 1);
    const tailStart = Math.max(from, last + 1);
    // copied: the buffer is read into again
    if (tailStart < chunk.length) carry = Buffer.from(chunk.subarray(tailStart));
  }
  if (carry && carry.length > 0) emit(carry, 0, carry.length);
  return stats;
}
