import { describe, expect, it } from 'vitest';
import { csvRows } from '../helpers.js';

describe('source.to_line', () => {
  it('stops after that line: a footer is not read', async () => {
    expect(await csvRows('id,text\n1,a\n2,b\nTotal: 2 rows\n', { to_line: 3 })).toEqual([
      { line: 2, id: '1', text: 'a' },
      { line: 3, id: '2', text: 'b' },
    ]);
  });

  it('keeps a CRLF whole when the text arrives in pieces', async () => {
    const { collect, sourceFile } = await import('../helpers.js');
    const file = sourceFile('foot.csv', 'id,n\r\n1,2\r\nfooter\r\n', 'csv');
    for (const readBytes of [1, 2, 3, 4]) {
      const rows = await collect([file], { csv: { to_line: 2 }, readBytes });
      expect(rows.map((r) => [r.origin.line, r.data])).toEqual([[2, { id: '1', n: '2' }]]);
    }
  });

  it('leaves out a record that runs past it, as csv-parse does', async () => {
    expect(await csvRows('id,text\n1,a\n2,"b\nc"\n', { to_line: 3 })).toEqual([{ line: 2, id: '1', text: 'a' }]);
  });
});
