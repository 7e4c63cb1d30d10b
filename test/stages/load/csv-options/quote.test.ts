import { describe, expect, it } from 'vitest';
import { csvRows } from '../helpers.js';

describe('source.quote', () => {
  it('is " by default', async () => {
    expect(await csvRows('a,b\n"1,2",3\n')).toEqual([{ line: 2, a: '1,2', b: '3' }]);
  });

  it('takes another character', async () => {
    expect(await csvRows("a,b\n'1,2',3\n", { quote: "'" })).toEqual([{ line: 2, a: '1,2', b: '3' }]);
  });

  it('false reads quotes as plain text: a file of inch marks', async () => {
    expect(await csvRows('size,what\n5" screen,"tv"\n', { quote: false })).toEqual([{ line: 2, size: '5" screen', what: '"tv"' }]);
    expect(await csvRows('size,what\n5" screen,tv\n', { quote: '' })).toEqual([{ line: 2, size: '5" screen', what: 'tv' }]);
  });
});
