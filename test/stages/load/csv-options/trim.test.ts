import { describe, expect, it } from 'vitest';
import { csvRows } from '../helpers.js';

describe('source.trim', () => {
  it('is false by default: spaces are data, and a space before a quote makes the quote a stray one', async () => {
    expect(await csvRows('a,b\n 1 , 2\n')).toEqual([{ line: 2, a: ' 1 ', b: ' 2' }]);
    expect(await csvRows('a,b\n1, "2"\n')).toEqual([{ line: 2, fault: 'data/x.csv:2: malformed row: column 2 has a quote inside a value that does not start with one' }]);
  });

  it('true removes whitespace around values, also around quoted ones', async () => {
    expect(await csvRows('a,b\n 1 , "2, x" \n', { trim: true })).toEqual([{ line: 2, a: '1', b: '2, x' }]);
  });

  it('true still refuses text after a closing quote', async () => {
    expect(await csvRows('a,b\n"1" x,2\n3,4\n', { trim: true })).toEqual([
      { line: 2, fault: 'data/x.csv:2: malformed row: column 1 is quoted, but its closing quote is followed by more text instead of the delimiter or the line end' },
      { line: 3, a: '3', b: '4' },
    ]);
  });
});
