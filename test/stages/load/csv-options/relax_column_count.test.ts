import { describe, expect, it } from 'vitest';
import { csvRows } from '../helpers.js';

describe('source.relax_column_count', () => {
  const text = 'a,b\n1\n1,2,3\n';

  it('is false by default: a record with another field count is rejected', async () => {
    expect(await csvRows(text)).toEqual([
      { line: 2, fault: 'data/x.csv:2: malformed row: row has 1 field, header has 2' },
      { line: 3, fault: 'data/x.csv:3: malformed row: row has 3 fields, header has 2' },
    ]);
  });

  it('true reads such records as csv-parse does: missing fields absent, extra ones dropped', async () => {
    expect(await csvRows(text, { relax_column_count: true })).toEqual([
      { line: 2, a: '1' },
      { line: 3, a: '1', b: '2' },
    ]);
  });

  it('keeps every field with columns: false', async () => {
    expect(await csvRows('1,2\n3,4,5\n', { relax_column_count: true, columns: false })).toEqual([
      { line: 1, 0: '1', 1: '2' },
      { line: 2, 0: '3', 1: '4', 2: '5' },
    ]);
  });
});
