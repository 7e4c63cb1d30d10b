/**
 * Parquet files as rows, one row group at a time (hyparquet, pure JavaScript, with its
 * compressors: snappy, gzip, zstd, brotli, lz4): memory holds the largest row group, never the
 * file. A row's origin is its 1-based row number (`data/x.parquet:row 1234`).
 *
 * Values are made exact for templates: 64-bit integers beyond 2^53 become ExactNumber (their
 * digits), the others numbers; DATE is `YYYY-MM-DD`; timestamps are ISO 8601 in UTC with every
 * digit of their unit (milli, micro, nano); binary without a string type is base64; nested
 * structs and lists are objects and arrays.
 */
import { asyncBufferFromFile, parquetMetadataAsync, parquetReadObjects, type ParquetParsers } from 'hyparquet';
import { compressors } from 'hyparquet-compressors';
import { BatchforgeError, E, problem } from '../../errors/index.js';
import { ExactNumber } from './exact-number.js';
import { unreadable } from './read-text.js';
import type { RowBatcher } from './row-batcher.js';
import type { Row } from './row.js';
import type { SourceFile } from './source-file.js';

export async function* readParquet(file: SourceFile, out: RowBatcher): AsyncGenerator<Row[]> {
  const name = file.display;
  let buffer: Awaited<ReturnType<typeof asyncBufferFromFile>>;
  try {
    buffer = await asyncBufferFromFile(file.path);
  } catch (err) {
    throw unreadable(file, err);
  }
  let metadata: Awaited<ReturnType<typeof parquetMetadataAsync>>;
  try {
    metadata = await parquetMetadataAsync(buffer);
  } catch (err) {
    throw new BatchforgeError(problem(E.SourceParquetInvalid, { detail: (err as Error).message }, { file: name }));
  }
  let rowStart = 0;
  for (const group of metadata.row_groups) {
    const rowEnd = rowStart + Number(group.num_rows);
    let rows: Array<Record<string, unknown>>;
    try {
      rows = await parquetReadObjects({ file: buffer, metadata, rowStart, rowEnd, compressors, parsers, utf8: true });
    } catch (err) {
      throw new BatchforgeError(problem(E.SourceParquetInvalid, { detail: (err as Error).message }, { file: name }));
    }
    for (let i = 0; i < rows.length; i++) {
      out.add({ data: exact(rows[i]!) as Record<string, unknown>, origin: { file: name, line: rowStart + i + 1, row: true }, index: out.index++ });
    }
    rowStart = rowEnd;
    yield* out.full();
  }
}

/** timestamps and dates as text with every digit they hold (hyparquet's default Date keeps milliseconds) */
const parsers: Partial<ParquetParsers> = {
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
 * lists. Objects and lists are changed in place: the rows are hyparquet's own, and a copy of a
 * whole row group would double its memory.
 */
function exact(v: unknown): unknown {
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
