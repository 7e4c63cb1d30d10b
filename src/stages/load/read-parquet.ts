/**
 * Parquet files as rows (hyparquet, pure JavaScript, with its compressors: snappy, gzip, zstd,
 * brotli, lz4), row group by row group and, within a row group, in slices of at most 128 rows
 * (the pipeline's array size): a flat column holds one page at a time (parquet-columns.ts), so
 * memory does not grow with the row group. 1M rows in 100,000-row groups peaked at 384 MB RSS
 * when each group was decoded into row objects whole, ~150 MB now (JSONL: ~140 MB). Nested
 * columns are assembled a row group at a time. A row's origin is its 1-based row number
 * (`data/x.parquet:row 1234`).
 *
 * Values are made exact for templates: 64-bit integers beyond 2^53 become ExactNumber (their
 * digits), the others numbers; DATE is `YYYY-MM-DD`; timestamps are ISO 8601 in UTC with every
 * digit of their unit (milli, micro, nano); binary without a string type is base64; nested
 * structs and lists are objects and arrays.
 */
import { open, type FileHandle } from 'node:fs/promises';
import { parquetMetadataAsync, parquetSchema, type AsyncBuffer, type ParquetParsers } from 'hyparquet';
import { BatchforgeError, E, problem } from '../../errors/index.js';
import { ExactNumber } from './exact-number.js';
import { groupColumns, type GroupColumn } from './parquet-columns.js';
import { unreadable } from './read-text.js';
import type { RowBatcher } from './row-batcher.js';
import type { Row } from './row.js';
import type { SourceFile } from './source-file.js';

/** rows made between yields: the rows of a slice live until the pipeline takes them */
const SLICE_ROWS = 128;

export async function* readParquet(file: SourceFile, out: RowBatcher): AsyncGenerator<Row[]> {
  const name = file.display;
  const invalid = (err: unknown) =>
    err instanceof BatchforgeError ? err : new BatchforgeError(problem(E.SourceParquetInvalid, { detail: (err as Error).message }, { file: name }));
  let handle: FileHandle;
  let size: number;
  try {
    handle = await open(file.path, 'r');
    size = (await handle.stat()).size;
  } catch (err) {
    throw unreadable(file, err);
  }
  try {
    const fh = handle;
    const buffer: AsyncBuffer = { byteLength: size, slice: (start, end = size) => readAt(fh, start, end) };
    const metadata = await parquetMetadataAsync(buffer).catch((err: unknown) => {
      throw invalid(err);
    });
    const schema = parquetSchema(metadata);
    let rowStart = 0;
    for (const group of metadata.row_groups) {
      const rows = Number(group.num_rows);
      const columns = await groupColumns(name, fh, buffer, metadata, schema, group, rowStart, parsers).catch((err: unknown) => {
        throw invalid(err);
      });
      for (let done = 0; done < rows; ) {
        let take = Math.min(rows - done, SLICE_ROWS);
        for (const c of columns) {
          while (c.left === 0) {
            const more = await c.more().catch((err: unknown) => {
              throw invalid(err);
            });
            if (!more) throw short(name, c, done, rows);
          }
          take = Math.min(take, c.left);
        }
        for (let i = 0; i < take; i++) {
          const data: Record<string, unknown> = {};
          for (const c of columns) data[c.name] = c.next();
          out.add({ data: exact(data) as Record<string, unknown>, origin: { file: name, line: rowStart + done + i + 1, row: true }, index: out.index++ });
        }
        done += take;
        yield* out.full();
      }
      rowStart += rows;
    }
  } finally {
    await handle.close();
  }
}

function short(file: string, c: GroupColumn, rows: number, expected: number): BatchforgeError {
  return new BatchforgeError(problem(E.SourceParquetColumnShort, { column: c.name, rows, expected }, { file }));
}

/** bytes `start`…`end` of the file (hyparquet reads the footer and nested columns through this) */
async function readAt(file: FileHandle, start: number, end: number): Promise<ArrayBuffer> {
  const bytes = new Uint8Array(end - start);
  const { bytesRead } = await file.read(bytes, 0, bytes.length, start);
  return bytesRead === bytes.length ? bytes.buffer : bytes.buffer.slice(0, bytesRead);
}

/** timestamps and dates as text with every digit they hold (hyparquet's default Date keeps milliseconds) */
export const parsers: Partial<ParquetParsers> = {
  timestampFromMilliseconds: (units: bigint) => isoTime(units, 1000n, 3),
  timestampFromMicroseconds: (units: bigint) => isoTime(units, 1_000_000n, 6),
  timestampFromNanoseconds: (units: bigint) => isoTime(units, 1_000_000_000n, 9),
  dateFromDays: (days: number) => new Date(days * 86_400_000).toISOString().slice(0, 10),
};

function isoTime(units: bigint, perSecond: bigint, digits: number): string {
  let seconds = units / perSecond;
  let fraction = units % perSecond;
  if (fraction < 0n) {
    fraction += perSecond;
    seconds -= 1n;
  }
  return `${new Date(Number(seconds) * 1000).toISOString().slice(0, 19)}.${fraction.toString().padStart(digits, '0')}Z`;
}

/**
 * A decoded value with bigints as numbers or exact digits, bytes as base64, through objects and
 * lists. Objects and lists are changed in place: they are hyparquet's own, used once.
 */
export function exact(v: unknown): unknown {
  if (typeof v === 'bigint') return v <= MAX_SAFE && v >= -MAX_SAFE ? Number(v) : new ExactNumber(v.toString());
  if (typeof v !== 'object' || v === null) return v;
  if (v instanceof Uint8Array) return Buffer.from(v.buffer, v.byteOffset, v.byteLength).toString('base64');
  if (v instanceof Date) return v.toISOString();
  if (Array.isArray(v)) {
    for (let i = 0; i < v.length; i++) {
      const x: unknown = v[i];
      if (typeof x === 'bigint' || (typeof x === 'object' && x !== null)) v[i] = exact(x);
    }
    return v;
  }
  const o = v as Record<string, unknown>;
  for (const k in o) {
    const x = o[k];
    if (typeof x === 'bigint' || (typeof x === 'object' && x !== null)) o[k] = exact(x);
  }
  return o;
}

const MAX_SAFE = BigInt(Number.MAX_SAFE_INTEGER);
