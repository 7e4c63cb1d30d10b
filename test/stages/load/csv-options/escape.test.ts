import { describe, expect, it } from 'vitest';
import { csvRows } from '../helpers.js';

describe('source.escape', () => {
  const text = 'id,text\n1,"say \\"hi\\""\n';

  it('is the quote by default: a backslash-escaped file is refused, not read with its quotes kept', async () => {
    expect(await csvRows(text)).toEqual([
      { line: 2, fault: 'data/x.csv:2: malformed row: column 2 is quoted, but its closing quote is followed by more text instead of the delimiter or the line end' },
    ]);
  });

  it('"\\\\" reads backslash escapes', async () => {
    expect(await csvRows(text, { escape: '\\' })).toEqual([{ line: 2, id: '1', text: 'say "hi"' }]);
  });
});
