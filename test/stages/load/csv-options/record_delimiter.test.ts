import { describe, expect, it } from 'vitest';
import { csvRows } from '../helpers.js';

describe('source.record_delimiter', () => {
  it('is found by itself: LF, CRLF, or CR alone (Excel "CSV (Macintosh)")', async () => {
    for (const eol of ['\n', '\r\n', '\r']) {
      expect(await csvRows(`id,text${eol}1,a${eol}2,b${eol}`)).toEqual([
        { line: 2, id: '1', text: 'a' },
        { line: 3, id: '2', text: 'b' },
      ]);
    }
  });

  it('takes the first line end found: a lone LF in a CRLF file is data', async () => {
    expect(await csvRows('id,text\r\n1,a\nb\r\n')).toEqual([{ line: 2, id: '1', text: 'a\nb' }]);
  });

  it('takes the characters that end a record', async () => {
    expect(await csvRows('id,text\r\n1,a\nb\r\n', { record_delimiter: '\n' })).toEqual([
      { line: 2, id: '1', 'text\r': 'a' },
      { line: 3, fault: 'data/x.csv:3: malformed row: row has 1 field, header has 2' },
    ]);
    expect(await csvRows('id,text;;1,a;;2,b', { record_delimiter: ';;' })).toEqual([
      { line: 1, id: '1', text: 'a' },
      { line: 1, id: '2', text: 'b' },
    ]);
  });

  it('"auto" is the default', async () => {
    expect(await csvRows('id\r1\r', { record_delimiter: 'auto' })).toEqual([{ line: 2, id: '1' }]);
  });
});
