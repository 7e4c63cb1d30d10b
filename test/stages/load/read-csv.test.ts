import { describe, expect, it } from 'vitest';
import { readRows } from '../../../src/stages/load/index.js';
import { collect, plain, sourceFile, thrown } from './helpers.js';

describe('reading CSV files', () => {
  it('names fields from the header and keeps every value a string', async () => {
    const file = sourceFile('rows.csv', 'id,score,ok\n1,2.50,true\n007,,null\n', 'csv');
    expect(plain(await collect([file]))).toEqual([
      { line: 2, index: 0, data: { id: '1', score: '2.50', ok: 'true' } },
      { line: 3, index: 1, data: { id: '007', score: '', ok: 'null' } },
    ]);
    expect((await collect([file]))[0]!.origin.file).toBe('data/rows.csv');
  });

  it('drops a UTF-8 BOM, skips empty lines, reads CRLF and a last line without newline', async () => {
    const file = sourceFile('bom.csv', '\ufeffname,city\r\n\r\nAda,"London,\r\nUK"\r\n\r\nBob,Paris', 'csv');
    expect(plain(await collect([file]))).toEqual([
      { line: 3, index: 0, data: { name: 'Ada', city: 'London,\r\nUK' } },
      { line: 6, index: 1, data: { name: 'Bob', city: 'Paris' } },
    ]);
  });

  it('turns a record with the wrong number of fields into a faulty row and goes on', async () => {
    const file = sourceFile('bad.csv', 'a,b,c\n1,2,3\n1,2,3,4\n"x\ny",2\nlast,2,3\n', 'csv');
    expect(plain(await collect([file]))).toEqual([
      { line: 2, index: 0, data: { a: '1', b: '2', c: '3' } },
      {
        line: 3,
        index: 1,
        fault: 'data/bad.csv:3: malformed row: row has 4 fields, header has 3\n  hint: fix the row, or set on_error: skip to write it to the rejects file and go on',
        raw: '1,2,3,4',
      },
      {
        line: 4,
        index: 2,
        fault: 'data/bad.csv:4: malformed row: row has 2 fields, header has 3\n  hint: fix the row, or set on_error: skip to write it to the rejects file and go on',
        raw: '"x\ny",2',
      },
      { line: 6, index: 3, data: { a: 'last', b: '2', c: '3' } },
    ]);
  });

  it('says "1 field" for a one-field record', async () => {
    const rows = await collect([sourceFile('one.csv', 'a,b\nlonely\n', 'csv')]);
    expect(rows[0]!.fault!.message).toBe('malformed row: row has 1 field, header has 2');
  });

  it('reports a quote never closed at the line where its record starts, and reads the lines after it', async () => {
    const text = 'id,text\n1,ok\n2,"fine\nstill fine"\n3,"broken\n4,kept\n5,kept\n';
    const rows = await collect([sourceFile('open.csv', text, 'csv')]);
    expect(plain(rows)).toEqual([
      { line: 2, index: 0, data: { id: '1', text: 'ok' } },
      { line: 3, index: 1, data: { id: '2', text: 'fine\nstill fine' } },
      {
        line: 5,
        index: 2,
        fault: 'data/open.csv:5: malformed row: column 2 opens a quote that is never closed (reading went on at the next line)\n  hint: close the quote; if quotes in this file are plain text, set source.quote: false (README "Messy CSV")',
        raw: '3,"broken',
      },
      { line: 6, index: 3, data: { id: '4', text: 'kept' } },
      { line: 7, index: 4, data: { id: '5', text: 'kept' } },
    ]);
    expect(rows[2]!.fault!.code).toBe('csv-quote-not-closed');
    expect(rows[2]!.fault!.location).toEqual({ file: 'data/open.csv', line: 5 });
  });

  it('cuts the raw text of a faulty row to 200 characters', async () => {
    const long = 'y'.repeat(500);
    const rows = await collect([sourceFile('long.csv', `a\n${long},x\n`, 'csv')]);
    expect(rows[0]!.raw).toBe('y'.repeat(200) + '…');
  });

  it('refuses an empty header name as a config problem naming the file', async () => {
    const file = sourceFile('empty.csv', 'id,,name\n1,2,3\n', 'csv');
    expect(await thrown(collect([file]))).toBe(
      '[config] data/empty.csv:1: bad header: column 2 has no name\n  hint: the first line of a CSV/TSV file names the columns; every name must be non-empty and unique',
    );
  });

  it('refuses a repeated header name as a config problem naming the file', async () => {
    const file = sourceFile('dup.csv', '\n\nid,name,id\n1,2,3\n', 'csv');
    expect(await thrown(collect([file]))).toBe(
      '[config] data/dup.csv:3: bad header: column name "id" is used twice (columns 1 and 3)\n  hint: the first line of a CSV/TSV file names the columns; every name must be non-empty and unique',
    );
  });

  it('yields nothing for an empty file or a header alone', async () => {
    expect(await collect([sourceFile('empty.csv', '', 'csv'), sourceFile('head.csv', 'a,b\n', 'csv')])).toEqual([]);
  });

  it('decodes invalid UTF-8 with U+FFFD instead of failing', async () => {
    const bytes = Buffer.concat([Buffer.from('name\n'), Buffer.from([0x61, 0xff, 0x62, 0xc3]), Buffer.from('\n')]);
    expect(plain(await collect([sourceFile('bad-utf8.csv', bytes, 'csv')]))).toEqual([{ line: 2, index: 0, data: { name: 'a\ufffdb\ufffd' } }]);
  });

  it('reads multi-byte characters and a BOM split across reads', async () => {
    const file = sourceFile('split.csv', '\ufeffwort,zeichen\n"Grüße, 中文",😀\n', 'csv');
    for (const readBytes of [1, 2, 3, 5]) {
      expect(plain(await collect([file], { readBytes }))).toEqual([{ line: 2, index: 0, data: { wort: 'Grüße, 中文', zeichen: '😀' } }]);
    }
  });

  it('reads TSV with tabs unless a delimiter is set', async () => {
    const file = sourceFile('rows.tsv', 'a\tb\n"x\ty"\t1,2\n', 'tsv');
    expect(plain(await collect([file]))).toEqual([{ line: 2, index: 0, data: { a: 'x\ty', b: '1,2' } }]);
  });

  it('refuses a delimiter that cannot separate fields, naming the file', async () => {
    const file = sourceFile('any.csv', 'a\n', 'csv');
    const cases: Array<[string, string]> = [
      ['', 'Invalid option delimiter: delimiter must be a non empty string or buffer or array of string|buffer, got ""'],
      ['"', 'delimiter and quote are both "\\""'],
      ['\n', 'delimiter "\\n" holds a line end'],
    ];
    for (const [delimiter, detail] of cases) {
      expect(await thrown(collect([file], { csv: { delimiter } }))).toBe(
        `[config] data/any.csv: csv-parse cannot use these source options: ${detail}\n  hint: the README section "CSV and TSV sources" lists each option and its values`,
      );
    }
  });

  it('keeps odd column names, __proto__ included, as own fields', async () => {
    const rows = await collect([sourceFile('odd.csv', '__proto__,constructor,"a""b",0,\u2028\nx,y,z,n,s\n', 'csv')]);
    const data = rows[0]!.data;
    expect(Object.getPrototypeOf(data)).toBe(Object.prototype);
    expect(Object.entries(data)).toEqual([['0', 'n'], ['__proto__', 'x'], ['constructor', 'y'], ['a"b', 'z'], ['\u2028', 's']]);
  });

  it('reports a missing file as unreadable', async () => {
    const file = { path: '/nonexistent/batchforge/rows.csv', display: 'rows.csv', format: 'csv' as const };
    expect(await thrown(collect([file]))).toBe('[config] rows.csv: cannot read rows.csv: no such file\n  hint: check that the source path names a readable file');
    await expect(readRows([file]).next()).rejects.toThrow('cannot read rows.csv: no such file');
  });
});
