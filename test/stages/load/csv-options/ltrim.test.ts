import { describe, expect, it } from 'vitest';
import { csvRows } from '../helpers.js';

describe('source.ltrim', () => {
  it('removes whitespace before values only', async () => {
    expect(await csvRows('a,b\n 1 , "2"\n', { ltrim: true })).toEqual([{ line: 2, a: '1 ', b: '2' }]);
  });
});
