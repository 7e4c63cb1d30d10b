import { describe, expect, it } from 'vitest';
import { csvRows } from '../helpers.js';

describe('source.columns', () => {
  it('true (default): the first record names the columns', async () => {
    expect(await csvRows('id,text\n1,a\n', { columns: true })).toEqual([{ line: 2, id: '1', text: 'a' }]);
  });

  it('a list names the columns of a file without a header; every record must have that many fields', async () => {
    expect(await csvRows('1,a\n2,b,extra\n', { columns: ['id', 'text'] })).toEqual([
      { line: 1, id: '1', text: 'a' },
      { line: 2, fault: 'data/x.csv:2: malformed row: row has 3 fields, source.columns names 2' },
    ]);
  });

  it('false names the fields 0, 1, 2 … and the first record sets their number', async () => {
    expect(await csvRows('1,a\n2\n', { columns: false })).toEqual([
      { line: 1, 0: '1', 1: 'a' },
      { line: 2, fault: 'data/x.csv:2: malformed row: row has 1 field, the first row has 2' },
    ]);
  });
});
