import { describe, expect, it } from 'vitest';
import { csvRows } from '../helpers.js';

describe('source.skip_empty_lines', () => {
  it('is true by default: empty lines are skipped and still counted', async () => {
    expect(await csvRows('a,b\n\n1,2\n\n')).toEqual([{ line: 3, a: '1', b: '2' }]);
  });

  it('false reads an empty line as a record of one empty field', async () => {
    expect(await csvRows('a,b\n\n1,2\n', { skip_empty_lines: false })).toEqual([
      { line: 2, fault: 'data/x.csv:2: malformed row: row has 1 field, header has 2' },
      { line: 3, a: '1', b: '2' },
    ]);
  });
});
