/**
 * Parquet sources, with fixtures written here by hyparquet-writer: one per compression Parquet
 * names (uncompressed and snappy built into the writer; gzip and brotli through node:zlib; zstd
 * through @bokuweb/zstd-wasm, the zstd library built to WebAssembly, since Node 20's zlib has no
 * zstd; LZ4 blocks through lz4js, raw and in Hadoop's framing), nested and list columns, dates,
 * timestamps and 64-bit integers, and several row groups.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { brotliCompressSync, gzipSync } from 'node:zlib';
import { compress as zstdCompress, init as zstdInit } from '@bokuweb/zstd-wasm';
import { parquetMetadata } from 'hyparquet';
import { ByteWriter, ParquetWriter, parquetWriteBuffer, schemaFromColumnData } from 'hyparquet-writer';
import { compressBlock, compressBound } from 'lz4js';
import { beforeAll, describe, expect, it } from 'vitest';
import { formatOrigin, readRows, type SourceFile } from '../../../src/stages/load/index.js';
import { jsonl } from '../../support/project.js';
import { collect, tempDir, thrown } from './helpers.js';

/**
 * One LZ4 block (LZ4_RAW). lz4js returns 0 for input it finds no match in (its frames then store
 * the block uncompressed); a block is then one run of literals, as the reference encoder writes it.
 */
function lz4Block(b: Uint8Array): Uint8Array {
  const out = new Uint8Array(compressBound(b.length));
  const size = compressBlock(b, out, 0, b.length, new Uint32Array(1 << 16));
  if (size > 0) return out.subarray(0, size);
  let at = 0;
  out[at++] = Math.min(b.length, 15) << 4;
  if (b.length >= 15) {
    let n = b.length - 15;
    for (; n >= 255; n -= 255) out[at++] = 255;
    out[at++] = n;
  }
  out.set(b, at);
  return out.subarray(0, at + b.length);
}

/** Parquet's older LZ4: one block after its uncompressed and compressed sizes (big-endian), as Hadoop writes it */
function lz4Hadoop(b: Uint8Array): Uint8Array {
  const block = lz4Block(b);
  const out = new Uint8Array(8 + block.length);
  const view = new DataView(out.buffer);
  view.setUint32(0, b.length);
  view.setUint32(4, block.length);
  out.set(block, 8);
  return out;
}

const compressors = {
  GZIP: (b: Uint8Array) => new Uint8Array(gzipSync(b)),
  BROTLI: (b: Uint8Array) => new Uint8Array(brotliCompressSync(b)),
  ZSTD: (b: Uint8Array) => zstdCompress(b, 3),
  LZ4: lz4Hadoop,
  LZ4_RAW: lz4Block,
};

beforeAll(async () => {
  await zstdInit();
});

function parquetFile(name: string, options: Omit<Parameters<typeof parquetWriteBuffer>[0], 'compressors'>): SourceFile {
  const path = join(tempDir(), name);
  writeFileSync(path, new Uint8Array(parquetWriteBuffer({ ...options, compressors })));
  return { path, display: `data/${name}`, format: 'parquet' };
}

const CODECS = ['UNCOMPRESSED', 'SNAPPY', 'GZIP', 'BROTLI', 'ZSTD', 'LZ4', 'LZ4_RAW'] as const;

/** 300 rows in row groups of 100 and pages of ~256 bytes: numbers, text with nulls, a dictionary column */
const codecRows = Array.from({ length: 300 }, (_, i) => ({
  id: i + 1,
  text: i % 10 === 9 ? null : `café ${i} ${'x'.repeat(i % 13)}`,
  kind: ['alpha', 'beta', 'gamma'][i % 3]!,
}));

function codecFile(codec: (typeof CODECS)[number]): SourceFile {
  return parquetFile(`${codec}.parquet`, {
    codec,
    rowGroupSize: 100,
    pageSize: 256,
    columnData: [
      { name: 'id', data: codecRows.map((r) => r.id), type: 'INT32' },
      { name: 'text', data: codecRows.map((r) => r.text), type: 'STRING' },
      { name: 'kind', data: codecRows.map((r) => r.kind), type: 'STRING' },
    ],
  });
}


/** the first shard's requests as [custom_id, first message's content] */
function idsAndContents(cwd: string): Array<[unknown, string]> {
  const lines = jsonl(readFileSync(join(cwd, 'out/batch-00001.jsonl'), 'utf8'));
  return lines.map((l) => [l.custom_id, (l.body as { messages: Array<{ content: string }> }).messages[0]!.content]);
}
describe('Parquet sources', () => {
  for (const codec of CODECS) {
    it(`reads a ${codec} file, each row with its row number as origin`, async () => {
      const file = codecFile(codec);
      const meta = parquetMetadata(new Uint8Array(readFileSync(file.path)).buffer);
      expect(new Set(meta.row_groups.flatMap((g) => g.columns.map((c) => c.meta_data!.codec)))).toEqual(new Set([codec]));
      const rows = await collect([file]);
      expect(rows.map((r) => [formatOrigin(r.origin), r.data])).toEqual(codecRows.map((r, i) => [`data/${codec}.parquet:row ${i + 1}`, r]));
    });
  }

  it('keeps 64-bit integers exact, dates as YYYY-MM-DD and timestamps with their digits', async () => {
    const file = parquetFile('types.parquet', {
      columnData: [
        { name: 'big', data: [9007199254740993n, 42n], type: 'INT64' },
        { name: 'at', data: [new Date(Date.UTC(2024, 0, 2, 3, 4, 5, 678)), new Date(0)], type: 'TIMESTAMP' },
      ],
    });
    const rows = await collect([file]);
    expect(rows.map((r) => [String(r.data.big), typeof r.data.big, r.data.at])).toEqual([
      ['9007199254740993', 'object', '2024-01-02T03:04:05.678Z'],
      ['42', 'number', '1970-01-01T00:00:00.000Z'],
    ]);
  });

  it('reads a DATE column as YYYY-MM-DD', async () => {
    const file = parquetFile('dates.parquet', {
      columnData: [{ name: 'day', data: [new Date(Date.UTC(2024, 1, 29)), new Date(Date.UTC(1969, 11, 31))] }],
      schema: [
        { name: 'root', num_children: 1 },
        { name: 'day', type: 'INT32', converted_type: 'DATE', repetition_type: 'OPTIONAL' },
      ],
    });
    expect((await collect([file])).map((r) => r.data)).toEqual([{ day: '2024-02-29' }, { day: '1969-12-31' }]);
  });

  it('keeps every digit of a microsecond timestamp', async () => {
    const file = parquetFile('micros.parquet', {
      columnData: [{ name: 'at', data: [1704164645678901n, -1n] }],
      schema: [
        { name: 'root', num_children: 1 },
        { name: 'at', type: 'INT64', converted_type: 'TIMESTAMP_MICROS', repetition_type: 'OPTIONAL' },
      ],
    });
    expect((await collect([file])).map((r) => r.data.at)).toEqual(['2024-01-02T03:04:05.678901Z', '1969-12-31T23:59:59.999999Z']);
  });

  it('builds requests with limit, offset and filter, and names rows by number', async () => {
    const { build } = await import('../../../src/pipeline/build.js');
    const { project } = await import('../../support/project.js');
    const { mkdirSync } = await import('node:fs');
    const cwd = project({
      'batch.config.yaml':
        'model: m\nsource: { path: data/q.parquet, filter: "{{#if keep}}true{{/if}}", offset: 1, limit: 2 }\ncustom_id: "q-{{id}}"\nmessages: [{ role: user, content: "{{text}} {{json this}}" }]\non_error: skip\n',
    });
    mkdirSync(join(cwd, 'data'));
    writeFileSync(
      join(cwd, 'data/q.parquet'),
      new Uint8Array(
        parquetWriteBuffer({
          columnData: [
            { name: 'id', data: [1n, 2n, 9007199254740993n, 4n, 5n], type: 'INT64' },
            { name: 'text', data: ['a', 'b', 'c', 'd', 'e'], type: 'STRING' },
            { name: 'keep', data: [true, false, true, true, true], type: 'BOOLEAN' },
          ],
        }),
      ),
    );
    const r = await build({ cwd });
    expect(r.ok).toBe(true);
    expect(idsAndContents(cwd)).toEqual([
      ['q-9007199254740993', 'c {"id":9007199254740993,"text":"c","keep":true}'],
      ['q-4', 'd {"id":4,"text":"d","keep":true}'],
    ]);
  });

  it('reads structs as objects and lists as arrays', async () => {
    const file = parquetFile('nested.parquet', {
      columnData: [
        { name: 'meta', data: [{ a: 1, b: 'x' }, { a: 2, b: 'y' }] },
        { name: 'tags', data: [['p', 'q'], []] },
      ],
      schema: [
        { name: 'root', num_children: 2 },
        { name: 'meta', repetition_type: 'OPTIONAL', num_children: 2 },
        { name: 'a', type: 'INT32', repetition_type: 'OPTIONAL' },
        { name: 'b', type: 'BYTE_ARRAY', converted_type: 'UTF8', repetition_type: 'OPTIONAL' },
        { name: 'tags', repetition_type: 'OPTIONAL', num_children: 1, converted_type: 'LIST' },
        { name: 'list', repetition_type: 'REPEATED', num_children: 1 },
        { name: 'element', type: 'BYTE_ARRAY', converted_type: 'UTF8', repetition_type: 'OPTIONAL' },
      ],
    });
    expect((await collect([file])).map((r) => r.data)).toEqual([
      { meta: { a: 1, b: 'x' }, tags: ['p', 'q'] },
      { meta: { a: 2, b: 'y' }, tags: [] },
    ]);
  });

  it('reads row group by row group, numbering rows across them', async () => {
    const ids = Array.from({ length: 25 }, (_, i) => i);
    const file = parquetFile('groups.parquet', { rowGroupSize: 10, columnData: [{ name: 'id', data: ids, type: 'INT32' }] });
    const rows = await collect([file], { chunkRows: 4 });
    expect(rows.map((r) => [r.origin.line, r.data.id])).toEqual(ids.map((i) => [i + 1, i]));
  });

  it('reads every row once, in order, across row groups, pages and slices of rows', async () => {
    // 1,000 rows in groups of 300 and pages of ~1 KB: a text column with nulls (PLAIN pages), a
    // column of few values (dictionary pages), numbers, and a list (assembled a row group at a time)
    const n = 1000;
    const ids = Array.from({ length: n }, (_, i) => i);
    const text = ids.map((i) => (i % 7 === 3 ? null : `row ${i} ${'é'.repeat(i % 5)}`));
    const kind = ids.map((i) => ['a', 'b', 'c'][i % 3]!);
    const tags = ids.map((i) => Array.from({ length: i % 3 }, (_, j) => `t${i}.${j}`));
    const file = parquetFile('many.parquet', {
      rowGroupSize: 300,
      pageSize: 1024,
      columnData: [
        { name: 'id', data: ids },
        { name: 'text', data: text },
        { name: 'kind', data: kind },
        { name: 'tags', data: tags },
      ],
      schema: [
        { name: 'root', num_children: 4 },
        { name: 'id', type: 'INT32', repetition_type: 'REQUIRED' },
        { name: 'text', type: 'BYTE_ARRAY', converted_type: 'UTF8', repetition_type: 'OPTIONAL' },
        { name: 'kind', type: 'BYTE_ARRAY', converted_type: 'UTF8', repetition_type: 'REQUIRED' },
        { name: 'tags', repetition_type: 'OPTIONAL', num_children: 1, converted_type: 'LIST' },
        { name: 'list', repetition_type: 'REPEATED', num_children: 1 },
        { name: 'element', type: 'BYTE_ARRAY', converted_type: 'UTF8', repetition_type: 'OPTIONAL' },
      ],
    });
    const meta = parquetMetadata(new Uint8Array(readFileSync(file.path)).buffer);
    expect(meta.row_groups.map((g) => Number(g.num_rows))).toEqual([300, 300, 300, 100]);
    const pages = (name: string) => Number(meta.row_groups[0]!.columns.find((c) => c.meta_data!.path_in_schema[0] === name)!.meta_data!.encodings.length);
    expect([pages('text'), pages('kind')]).toEqual([1, 2]); // PLAIN only; RLE_DICTIONARY with its PLAIN dictionary
    const rows = await collect([file]);
    expect(rows.map((r) => [formatOrigin(r.origin), r.index, r.data])).toEqual(
      ids.map((i) => [`data/many.parquet:row ${i + 1}`, i, { id: i, text: text[i], kind: kind[i], tags: tags[i] }]),
    );
  });

  it('stops reading at the limit: a damaged row group after it is never decoded', async () => {
    const { build } = await import('../../../src/pipeline/build.js');
    const { project } = await import('../../support/project.js');
    const { mkdirSync } = await import('node:fs');
    const cwd = project({
      'batch.config.yaml': 'model: m\nsource: { path: data/q.parquet, offset: 250, limit: 3 }\ncustom_id: "q-{{id}}"\nmessages: [{ role: user, content: "{{text}}" }]\n',
    });
    mkdirSync(join(cwd, 'data'));
    const ids = Array.from({ length: 900 }, (_, i) => i + 1);
    const bytes = new Uint8Array(
      parquetWriteBuffer({
        rowGroupSize: 300,
        columnData: [
          { name: 'id', data: ids, type: 'INT32' },
          { name: 'text', data: ids.map((i) => `text ${i}`), type: 'STRING' },
        ],
      }),
    );
    // the last row group's first column chunk: its page header overwritten
    const last = parquetMetadata(bytes.buffer).row_groups[2]!.columns[0]!.meta_data!;
    bytes.fill(0xff, Number(last.dictionary_page_offset ?? last.data_page_offset), Number(last.data_page_offset) + 8);
    writeFileSync(join(cwd, 'data/q.parquet'), bytes);

    const r = await build({ cwd });
    expect(r.ok).toBe(true);
    expect(idsAndContents(cwd)).toEqual([
      ['q-251', 'text 251'],
      ['q-252', 'text 252'],
      ['q-253', 'text 253'],
    ]);

    // the loader alone: stopping after the first row group reads no further; reading on fails at the damage
    const file: SourceFile = { path: join(cwd, 'data/q.parquet'), display: 'data/q.parquet', format: 'parquet' };
    let seen = 0;
    for await (const chunk of readRows([file], { chunkRows: 100 })) {
      seen += chunk.length;
      if (seen >= 300) break;
    }
    expect(seen).toBe(300);
    expect(await thrown(collect([file]))).toBe(
      '[config] data/q.parquet: cannot read this Parquet file: thrift unhandled type: 15\n' +
        '  hint: check that the file is complete Parquet (its footer holds the schema); other formats need source.format',
    );
  });

  it('refuses a row group that claims more rows than its columns hold, naming the column', async () => {
    const columnData = [{ name: 'id', data: [1, 2, 3], type: 'INT32' as const }];
    const writer = new ByteWriter();
    const pq = new ParquetWriter({ writer, schema: schemaFromColumnData({ columnData }) });
    void pq.write({ columnData });
    pq.row_groups[0]!.num_rows = 5n;
    pq.num_rows = 5n;
    void pq.finish();
    const path = join(tempDir(), 'short.parquet');
    writeFileSync(path, writer.getBytes());
    expect(await thrown(collect([{ path, display: 'data/short.parquet', format: 'parquet' }]))).toBe(
      `[config] data/short.parquet: cannot read this Parquet file: column "id" ends after 3 of its row group's 5 rows\n` +
        '  hint: the file is damaged or was cut short: write it again from its source',
    );
  });

  it('refuses a page that runs past the end of its column chunk, naming the column', async () => {
    const columnData = [{ name: 'id', data: [1, 2, 3], type: 'INT32' as const }];
    const writer = new ByteWriter();
    const pq = new ParquetWriter({ writer, schema: schemaFromColumnData({ columnData }), codec: 'UNCOMPRESSED' });
    void pq.write({ columnData });
    // the metadata says the chunk ends 5 bytes before its one page (3 INT32 values and their levels) does
    const meta = pq.row_groups[0]!.columns[0]!.meta_data!;
    meta.total_compressed_size -= 5n;
    void pq.finish();
    const path = join(tempDir(), 'cut.parquet');
    writeFileSync(path, writer.getBytes());
    expect(await thrown(collect([{ path, display: 'data/cut.parquet', format: 'parquet' }]))).toBe(
      `[config] data/cut.parquet: cannot read this Parquet file: a page of column "id" (14 bytes) runs past the end of its column chunk\n` +
        '  hint: the file is damaged or was cut short: write it again from its source',
    );
  });

  it('refuses a string longer than what is left of its page, naming the column', async () => {
    const bytes = new Uint8Array(
      parquetWriteBuffer({ codec: 'UNCOMPRESSED', columnData: [{ name: 'text', data: ['aaaa', 'bb'], type: 'STRING', encoding: 'PLAIN' }] }),
    );
    // the first value's length (4, little-endian, before its bytes) made 64
    const at = Buffer.from(bytes).indexOf(Buffer.from([4, 0, 0, 0, 97, 97, 97, 97]));
    expect(at).toBeGreaterThan(0);
    bytes[at] = 64;
    const path = join(tempDir(), 'long.parquet');
    writeFileSync(path, bytes);
    expect(await thrown(collect([{ path, display: 'data/long.parquet', format: 'parquet' }]))).toBe(
      '[config] data/long.parquet: cannot read this Parquet file: a string of column "text" (64 bytes) runs past the end of its page\n' +
        '  hint: the file is damaged or was cut short: write it again from its source',
    );
  });

  it('refuses a file that is not Parquet, naming it', async () => {
    const path = join(tempDir(), 'bad.parquet');
    writeFileSync(path, 'id,text\n1,a\n');
    expect(await thrown(collect([{ path, display: 'data/bad.parquet', format: 'parquet' }]))).toMatch(/^\[config\] data\/bad\.parquet: cannot read this Parquet file: /);
  });
});
