import { describe, expect, it } from 'vitest';
import { csvRows } from '../helpers.js';

describe('source.relax_quotes', () => {
  const text = 'size,what\n5" screen,tv\n"abc"def,z\n';

  it('is false by default: stray quotes reject the row', async () => {
    expect(await csvRows(text)).toEqual([
      { line: 2, fault: 'data/x.csv:2: malformed row: column 1 has a quote inside a value that does not start with one' },
      { line: 3, fault: 'data/x.csv:3: malformed row: column 1 is quoted, but its closing quote is followed by more text instead of the delimiter or the line end' },
    ]);
  });

  it('true reads stray quotes as text, as csv-parse relax_quotes does', async () => {
    expect(await csvRows(text, { relax_quotes: true })).toEqual([
      { line: 2, size: '5" screen', what: 'tv' },
      { line: 3, size: '"abc"def', what: 'z' },
    ]);
  });

  it('true is the risk the README warns of: a stray opening quote swallows delimiters and shifts values', async () => {
    expect(await csvRows('id,name,city\n1,"Ann,x",Oslo\n2,"Bo, "Jr",Rome\n', { relax_quotes: true })).toEqual([
      { line: 2, id: '1', name: 'Ann,x', city: 'Oslo' },
      { line: 3, id: '2', name: '"Bo, "Jr"', city: 'Rome' },
    ]);
  });
});
