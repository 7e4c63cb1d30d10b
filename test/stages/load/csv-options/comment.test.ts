import { describe, expect, it } from 'vitest';
import { csvRows } from '../helpers.js';

describe('source.comment', () => {
  const text = '# exported 2024\nid,text\n1,a\n# a note\n2,b\n';

  it('is off by default: a comment line before the header is taken as the header', async () => {
    expect(await csvRows(text)).toEqual([
      { line: 2, fault: 'data/x.csv:2: malformed row: row has 2 fields, header has 1' },
      { line: 3, fault: 'data/x.csv:3: malformed row: row has 2 fields, header has 1' },
      { line: 4, '# exported 2024': '# a note' },
      { line: 5, fault: 'data/x.csv:5: malformed row: row has 2 fields, header has 1' },
    ]);
  });

  it('skips lines that start with it, and keeps line numbers', async () => {
    expect(await csvRows(text, { comment: '#' })).toEqual([
      { line: 3, id: '1', text: 'a' },
      { line: 5, id: '2', text: 'b' },
    ]);
  });
});
