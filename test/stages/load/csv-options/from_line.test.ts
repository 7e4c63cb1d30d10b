import { describe, expect, it } from 'vitest';
import { csvRows } from '../helpers.js';

describe('source.from_line', () => {
  it('skips a preamble: the header is the first record from that line', async () => {
    expect(await csvRows('Report\r\nExported by X\r\nid,text\r\n1,a\r\n2,b\r\n', { from_line: 3 })).toEqual([
      { line: 4, id: '1', text: 'a' },
      { line: 5, id: '2', text: 'b' },
    ]);
  });

  it('counts lines the same when the text arrives in pieces', async () => {
    const { collect, sourceFile } = await import('../helpers.js');
    const file = sourceFile('pre.csv', 'x\r\ny\r\nid\r\n1\r\n', 'csv');
    for (const readBytes of [1, 2, 3]) {
      const rows = await collect([file], { csv: { from_line: 3 }, readBytes });
      expect(rows.map((r) => [r.origin.line, r.data])).toEqual([[4, { id: '1' }]]);
    }
  });

  it('reads the lines before it as csv-parse does: a quoted value may run across from_line', async () => {
    expect(await csvRows('"note\nstill the note"\nid,text\n1,a\n', { from_line: 2 })).toEqual([{ line: 4, id: '1', text: 'a' }]);
  });
});
