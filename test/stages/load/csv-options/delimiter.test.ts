import { describe, expect, it } from 'vitest';
import { csvRows } from '../helpers.js';

describe('source.delimiter', () => {
  it('splits fields at one character', async () => {
    expect(await csvRows('a;b\n1,5;2\n', { delimiter: ';' })).toEqual([{ line: 2, a: '1,5', b: '2' }]);
  });

  it('splits fields at several characters, such as ", "', async () => {
    expect(await csvRows('name, city\nAda, London\n"Lovelace, A", "Paris, FR"\n', { delimiter: ', ' })).toEqual([
      { line: 2, name: 'Ada', city: 'London' },
      { line: 3, name: 'Lovelace, A', city: 'Paris, FR' },
    ]);
  });

  it('is a tab for .tsv files unless set', async () => {
    expect(await csvRows('a\tb\n1,2\t3\n', {}, 'x.tsv')).toEqual([{ line: 2, a: '1,2', b: '3' }]);
    expect(await csvRows('a|b\n1\t2|3\n', { delimiter: '|' }, 'x.tsv')).toEqual([{ line: 2, a: '1\t2', b: '3' }]);
  });
});
