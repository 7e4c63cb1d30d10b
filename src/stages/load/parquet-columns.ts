/**
 * A row group's top-level columns as values to take in order. A flat column (one leaf, not
 * repeated: the text, number and date columns of most datasets) is decoded one data page at a
 * time from a window of the file, so it holds one page's compressed bytes and values, never its
 * row group's. A nested column (struct, list, map) is assembled by hyparquet for the whole row
 * group at once, because its leaves page independently of each other.
 *
 * Page headers and pages are decoded by hyparquet's own `parquetHeader`, `readPage` and
 * `decompressPage` (exported as `hyparquet/src/*.js`; the version is pinned), so every encoding
 * and compression it reads is read here the same way; only PLAIN string pages are laid out here.
 */
import type { FileHandle } from 'node:fs/promises';
import type { AsyncBuffer, ColumnMetaData, DecodedArray, FileMetaData, PageHeader, ParquetParsers, RowGroup, SchemaTree } from 'hyparquet';
import { parquetRead, snappyUncompress } from 'hyparquet';
import { compressors } from 'hyparquet-compressors';
import { parquetHeader, readPage } from 'hyparquet/src/column.js';
import { convert, DEFAULT_PARSERS } from 'hyparquet/src/convert.js';
import { decompressPage } from 'hyparquet/src/datapage.js';
import { readRleBitPackedHybrid } from 'hyparquet/src/encoding.js';
import { getMaxDefinitionLevel, getTreePath } from 'hyparquet/src/schema.js';
import { BatchforgeError, E, problem } from '../../errors/index.js';

/** one top-level column of a row group, its values taken in row order */
export interface GroupColumn {
  readonly name: string;
  /** values decoded and not yet taken */
  left: number;
  /** the next row's value (when `left` > 0) */
  next(): unknown;
  /** decodes the next page; false when the column has no more values */
  more(): Promise<boolean>;
}

/** the bytes a file read brings at least, so that small pages do not each cost a read */
const WINDOW_BYTES = 1 << 20;
/** the bytes first tried for a page header (thrift, usually well under 100 bytes; statistics can be longer) */
const HEADER_BYTES = 1 << 12;

type Decoder = Parameters<typeof readPage>[2];

/** The columns of one row group, in schema order. */
export async function groupColumns(
  display: string,
  file: FileHandle,
  buffer: AsyncBuffer,
  metadata: FileMetaData,
  schema: SchemaTree,
  group: RowGroup,
  rowStart: number,
  parsers: Partial<ParquetParsers>,
): Promise<GroupColumn[]> {
  const columns: GroupColumn[] = [];
  const nested: string[] = [];
  for (const child of schema.children) {
    const name = child.element.name;
    const meta = child.children.length === 0 && child.element.repetition_type !== 'REPEATED' ? leafChunk(group, name) : undefined;
    if (meta) {
      const schemaPath = getTreePath(schema, meta.path_in_schema);
      const decoder: Decoder = {
        pathInSchema: meta.path_in_schema,
        element: schemaPath[schemaPath.length - 1]!.element,
        schemaPath,
        compressors,
        utf8: true,
        ...meta,
        parsers: { ...DEFAULT_PARSERS, ...parsers },
      };
      const start = Number(meta.dictionary_page_offset || meta.data_page_offset);
      columns.push(new PageColumn(name, display, file, start, start + Number(meta.total_compressed_size), decoder));
    } else {
      nested.push(name);
      columns.push(new WholeColumn(name));
    }
  }
  if (nested.length > 0) {
    const whole = new Map<string, unknown[]>();
    await parquetRead({
      file: buffer,
      metadata,
      rowStart,
      rowEnd: rowStart + Number(group.num_rows),
      columns: nested,
      compressors,
      parsers,
      utf8: true,
      onChunk: (c) => {
        const list = whole.get(c.columnName) ?? [];
        for (let i = 0; i < c.columnData.length; i++) list.push(c.columnData[i]);
        whole.set(c.columnName, list);
      },
    });
    for (const c of columns) if (c instanceof WholeColumn) c.fill(whole.get(c.name) ?? []);
  }
  return columns;
}

/** the metadata of the column chunk that holds top-level column `name` alone */
function leafChunk(group: RowGroup, name: string): ColumnMetaData | undefined {
  for (const chunk of group.columns) {
    const meta = chunk.meta_data;
    if (meta && meta.path_in_schema.length === 1 && meta.path_in_schema[0] === name) return meta;
  }
  return undefined;
}

/** a nested column: all its row group's values, assembled by hyparquet before the first row */
class WholeColumn implements GroupColumn {
  left = 0;
  private values: unknown[] = [];
  private at = 0;
  constructor(readonly name: string) {}
  fill(values: unknown[]): void {
    this.values = values;
    this.left = values.length;
  }
  next(): unknown {
    this.left--;
    return this.values[this.at++];
  }
  more(): Promise<boolean> {
    return Promise.resolve(false);
  }
}

/**
 * A flat column chunk, decoded one data page at a time.
 *
 * A PLAIN page of strings (the text columns of most datasets) is read here, not by hyparquet's
 * readPage, as its UTF-8 bytes and each value's [start, end); a value becomes a string when its
 * row is made. A page's values live until its last row is made, thousands of rows later: decoded
 * at once, as strings (or hyparquet's views of the bytes) they outlived young-generation GCs and
 * were copied into the old generation (1M rows: 157-199 MB promoted, against 6 MB for the same
 * rows as JSONL). Other pages (dictionaries, numbers, other encodings) are hyparquet's.
 *
 * The file window, the buffer snappy pages are uncompressed into and the offsets are reused from
 * page to page: the next page is decoded only once every value of this one is taken (numbers and
 * bytes are read out of the page as their row is made), and a dictionary is copied out of its page.
 */
class PageColumn implements GroupColumn {
  left = 0;
  private values: DecodedArray = [];
  private at = 0;
  /** a page of strings: value i is bytes[starts[i], ends[i]), null when starts[i] is -1 */
  private bytes: Uint8Array | undefined;
  private starts = new Int32Array(0);
  private ends = new Int32Array(0);
  /** the column holds strings (hyparquet would decode its bytes with stringFromBytes) */
  private readonly text: boolean;
  /** definition levels of a text page */
  private levels = new Uint8Array(0);
  private dictionary: DecodedArray | undefined;
  /** the bytes read so far (a view of `buffer`) and the file offset of their first byte */
  private window = new Uint8Array(0);
  private buffer = new Uint8Array(0);
  private windowStart = 0;
  /** where snappy pages are uncompressed */
  private page = new Uint8Array(0);
  /** the file offset of the next page header */
  private pos: number;
  private readonly decoder: Decoder;
  private readonly maxDefinition: number;
  private readonly fromBytes: (bytes: Uint8Array) => unknown;

  constructor(
    readonly name: string,
    /** the file as messages name it */
    private readonly display: string,
    private readonly file: FileHandle,
    start: number,
    private end: number,
    decoder: Decoder,
  ) {
    this.pos = start;
    this.decoder = { ...decoder, compressors: { ...compressors, SNAPPY: this.unsnappy } };
    this.maxDefinition = getMaxDefinitionLevel(decoder.schemaPath);
    this.fromBytes = decoder.parsers.stringFromBytes;
    // convert() decides which columns are strings: ask it about one value
    let text = false;
    const probe = { ...decoder, parsers: { ...decoder.parsers, stringFromBytes: () => (text = true) } };
    try {
      if (decoder.type === 'BYTE_ARRAY') convert([new Uint8Array(0)], probe);
    } catch {
      // a JSON, geometry or other typed column fails on no bytes: not a string column either way
    }
    this.text = text;
  }

  private readonly unsnappy = (input: Uint8Array, length: number): Uint8Array => {
    if (this.page.length < length) this.page = new Uint8Array(length);
    const out = this.page.subarray(0, length);
    snappyUncompress(input, out);
    return out;
  };

  next(): unknown {
    this.left--;
    const i = this.at++;
    if (this.bytes === undefined) return this.values[i];
    const start = this.starts[i]!;
    return start < 0 ? null : this.fromBytes(this.bytes.subarray(start, this.ends[i]));
  }

  async more(): Promise<boolean> {
    this.values = [];
    this.bytes = undefined;
    this.at = 0;
    this.left = 0;
    while (this.pos < this.end) {
      const { header, reader } = await this.nextPage();
      if (header.type === 'DICTIONARY_PAGE') {
        const { data } = readPage(reader, header, this.decoder, undefined, undefined, 0);
        if (data) this.dictionary = copied(convert(data, this.decoder));
        continue;
      }
      if (this.text && (header.data_page_header ?? header.data_page_header_v2)?.encoding === 'PLAIN') {
        this.left = this.readText(reader, header);
        if (this.left > 0) return true;
        continue;
      }
      const { data } = readPage(reader, header, this.decoder, this.dictionary, undefined, 0);
      if (data && data.length > 0) {
        this.values = data;
        this.left = data.length;
        return true;
      }
    }
    return false;
  }

  /**
   * A PLAIN data page (v1 or v2) of a flat string column as `bytes`, `starts` and `ends`, as
   * hyparquet's readDataPage and readDataPageV2 lay it out: definition levels (v1: after their
   * length, inside the compressed data; v2: before it), then each value's length and bytes.
   * Returns the page's row count.
   */
  private readText(reader: { view: DataView; offset: number }, header: PageHeader): number {
    const raw = new Uint8Array(reader.view.buffer, reader.view.byteOffset + reader.offset, header.compressed_page_size);
    const { codec, compressors: decompress } = this.decoder;
    let page: Uint8Array;
    let levels: { view: DataView; offset: number };
    let rows: number;
    const v2 = header.data_page_header_v2;
    if (v2) {
      rows = v2.num_values;
      const levelBytes = v2.repetition_levels_byte_length + v2.definition_levels_byte_length;
      levels = { view: new DataView(raw.buffer, raw.byteOffset + v2.repetition_levels_byte_length, v2.definition_levels_byte_length), offset: 0 };
      page = raw.subarray(levelBytes);
      const size = header.uncompressed_page_size - levelBytes;
      if (v2.is_compressed !== false && size) page = decompressPage(page, size, codec, decompress);
    } else {
      rows = header.data_page_header!.num_values;
      page = decompressPage(raw, header.uncompressed_page_size, codec, decompress);
      levels = { view: new DataView(page.buffer, page.byteOffset, page.byteLength), offset: 0 };
    }
    let defined: Uint8Array | undefined;
    if (this.maxDefinition > 0) {
      if (this.levels.length < rows) this.levels = new Uint8Array(rows);
      defined = this.levels.subarray(0, rows);
      readRleBitPackedHybrid(levels, 32 - Math.clz32(this.maxDefinition), defined, v2 ? v2.definition_levels_byte_length : undefined);
    }
    let at = v2 ? 0 : levels.offset;
    if (this.starts.length < rows) {
      this.starts = new Int32Array(rows);
      this.ends = new Int32Array(rows);
    }
    const view = new DataView(page.buffer, page.byteOffset, page.byteLength);
    for (let i = 0; i < rows; i++) {
      if (defined && defined[i] !== this.maxDefinition) {
        this.starts[i] = -1;
        continue;
      }
      const length = view.getUint32(at, true);
      this.starts[i] = at + 4;
      at += 4 + length;
      if (at > page.length) throw new BatchforgeError(problem(E.SourceParquetValueOverrun, { column: this.name, bytes: length }, { file: this.display }));
      this.ends[i] = at;
    }
    this.bytes = page;
    return rows;
  }

  /**
   * The next page's header, and a reader at its data, with `pos` moved past the page. A header's
   * length is known only once it is decoded: one cut off by the window's end fails to decode and
   * is tried again from a larger window, until the window reaches the column chunk's end.
   */
  private async nextPage(): Promise<{ header: PageHeader; reader: { view: DataView; offset: number } }> {
    let want = HEADER_BYTES;
    for (;;) {
      await this.cover(Math.min(this.end, this.pos + want));
      const from = this.pos - this.windowStart;
      const reader = { view: new DataView(this.window.buffer, this.window.byteOffset + from, this.window.length - from), offset: 0 };
      let header: PageHeader;
      try {
        header = parquetHeader(reader);
      } catch (err) {
        if (this.windowStart + this.window.length >= this.end) throw err;
        want *= 4;
        continue;
      }
      const pageEnd = this.pos + reader.offset + header.compressed_page_size;
      if (pageEnd > this.end) {
        throw new BatchforgeError(problem(E.SourceParquetPageOverrun, { column: this.name, bytes: header.compressed_page_size }, { file: this.display }));
      }
      if (pageEnd > this.windowStart + this.window.length) {
        await this.cover(pageEnd);
        continue;
      }
      this.pos = pageEnd;
      return { header, reader };
    }
  }

  /** makes the window hold the file's bytes from `pos` up to `until` (and up to a window more) */
  private async cover(until: number): Promise<void> {
    if (this.pos >= this.windowStart && until <= this.windowStart + this.window.length) return;
    const size = Math.min(this.end, Math.max(until, this.pos + WINDOW_BYTES)) - this.pos;
    if (this.buffer.length < size) this.buffer = new Uint8Array(size);
    const { bytesRead } = await this.file.read(this.buffer, 0, size, this.pos);
    // a file shorter than its footer says ends the column here: the caller reports its row count
    if (bytesRead < size) this.end = this.pos + bytesRead;
    this.window = this.buffer.subarray(0, bytesRead);
    this.windowStart = this.pos;
  }
}

/** a dictionary that shares no memory with the page it was read from */
function copied(values: DecodedArray): DecodedArray {
  if (!Array.isArray(values)) return values.slice();
  return values.map((v: unknown) => (v instanceof Uint8Array ? v.slice() : v));
}
