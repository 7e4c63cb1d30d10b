import { describe, expect, it } from 'vitest';
import { csvRows } from '../helpers.js';

describe('source.bom', () => {
  it('is true by default: a UTF-8 BOM is dropped, not read into the first column name', async () => {
    expect(await csvRows('\ufeffid,text\n1,a\n')).toEqual([{ line: 2, id: '1', text: 'a' }]);
  });

  it('false keeps it as U+FEFF, as csv-parse does', async () => {
    const { collect, sourceFile } = await import('../helpers.js');
    const rows = await collect([sourceFile('b.csv', '\ufeffid\n1\n', 'csv')], { decoding: { bom: false } });
    expect(rows.map((r) => r.data)).toEqual([{ '\ufeffid': '1' }]);
  });
});
