/**
 * Property test: random tables (unicode, quotes, delimiters, CR/LF, backslashes, control
 * characters) written by a small CSV writer must read back exactly, however the text is cut into
 * chunks, and csv-parse (strict: no relax_quotes) must read the same text the same way.
 */
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { parseCsv, prng } from './helpers.js';

const ALPHABET = ['a', 'b', 'Z', '0', '9', ' ', ',', ';', '\t', '"', '\\', '\r', '\n', '\r\n', '\u0000', '\u0007', '\u001b', 'é', 'ß', '中', '文', '😀', '\u2028', '\ufeff', "'", '#'];

function randomField(rand: () => number): string {
  const roll = rand();
  if (roll < 0.1) return '';
  const length = Math.floor(rand() * (roll < 0.9 ? 12 : 60));
  let s = '';
  for (let i = 0; i < length; i++) s += ALPHABET[Math.floor(rand() * ALPHABET.length)];
  return s;
}

/** RFC 4180 writer: quotes what needs it, and sometimes what does not, to cover both paths */
function writeCsv(rows: string[][], delimiter: string, eol: string, rand: () => number): string {
  return rows
    .map((row) =>
      row
        .map((f) => {
          const needs = f.includes(delimiter) || /["\r\n\ufeff]/.test(f) || (row.length === 1 && f === '');
          return needs || rand() < 0.2 ? `"${f.replaceAll('"', '""')}"` : f;
        })
        .join(delimiter),
    )
    .join(eol) + (rand() < 0.5 ? eol : '');
}

function randomCase(seed: number) {
  const rand = prng(seed);
  const delimiter = [',', ';', '\t', '|'][Math.floor(rand() * 4)]!;
  const eol = rand() < 0.5 ? '\n' : '\r\n';
  const width = 1 + Math.floor(rand() * 6);
  const height = 1 + Math.floor(rand() * 12);
  const rows: string[][] = [];
  for (let r = 0; r < height; r++) {
    const row = Array.from({ length: width }, () => randomField(rand));
    // a record of one empty unquoted field would be an empty line, which readers skip
    if (width === 1 && row[0] === '') row[0] = 'x';
    rows.push(row);
  }
  const text = writeCsv(rows, delimiter, eol, rand);
  const cuts = Array.from({ length: Math.floor(rand() * 6) }, () => Math.floor(rand() * (text.length + 1))).sort((a, b) => a - b);
  return { rows, text, delimiter, eol, cuts };
}

describe('CSV round trip', () => {
  it('reads 500 random tables back exactly, in any chunking, and agrees with csv-parse', () => {
    for (let seed = 1; seed <= 500; seed++) {
      const { rows, text, delimiter, eol, cuts } = randomCase(seed);
      const ours = parseCsv(text, cuts, delimiter).map((r) => ('fields' in r ? r.fields : r));
      expect(ours, `seed ${seed}`).toEqual(rows);
      const theirs = parse(text, { delimiter, record_delimiter: eol, relax_column_count: true, bom: true, skip_empty_lines: true }) as string[][];
      expect(theirs, `seed ${seed} (csv-parse)`).toEqual(ours);
    }
  });
});
