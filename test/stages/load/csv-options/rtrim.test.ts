import { describe, expect, it } from 'vitest';
import { csvRows } from '../helpers.js';

describe('source.rtrim', () => {
  it('removes whitespace after values only', async () => {
    expect(await csvRows('a,b\n 1 ,"2"  \n', { rtrim: true })).toEqual([{ line: 2, a: ' 1', b: '2' }]);
  });
});
