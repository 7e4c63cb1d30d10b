/**
 * No silently wrong row: on a corpus of polluted CSV files (stray, missing and doubled quotes,
 * extra delimiters, cut lines), every row batchforge writes is one csv-parse strict reads the same
 * way from the same lines, and every line is accounted for: read = written + rejected.
 */
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { collect, prng, sourceFile } from './helpers.js';

const VALUES = ['a', 'b c', 'x,y', 'say "hi"', 'two\nlines', 'é', '', '42', ' pad '];

function cleanCsv(next: () => number, eol: string): string {
  const width = 2 + Math.floor(next() * 4);
  const lines = [Array.from({ length: width }, (_, i) => `col${i}`).join(',')];
  const rows = 10 + Math.floor(next() * 30);
  for (let r = 0; r < rows; r++) {
    const fields = Array.from({ length: width }, () => {
      const v = VALUES[Math.floor(next() * VALUES.length)]!;
      return /[",\n]/.test(v) || next() < 0.2 ? `"${v.replaceAll('"', '""')}"` : v;
    });
    lines.push(fields.join(','));
  }
  return lines.join(eol) + eol;
}

/** damages a few places: what exports, hand edits and truncations do to CSV */
function pollute(next: () => number, text: string): string {
  let s = text;
  const damages = 1 + Math.floor(next() * 4);
  for (let d = 0; d < damages; d++) {
    const at = 1 + Math.floor(next() * (s.length - 1));
    const kind = next();
    if (kind < 0.4) s = s.slice(0, at) + '"' + s.slice(at);
    else if (kind < 0.6) {
      const q = s.indexOf('"', at);
      if (q !== -1) s = s.slice(0, q) + s.slice(q + 1);
    } else if (kind < 0.8) s = s.slice(0, at) + ',' + s.slice(at);
    else s = s.slice(0, at) + '\n' + s.slice(at);
  }
  return s;
}

/** starts[i]: where line i + 1 begins (lines end at LF, CRLF or CR, as the loader counts them); the last entry is the text's end */
function lineStarts(text: string): number[] {
  const starts = [0];
  for (const m of text.matchAll(/\r\n|\n|\r/g)) starts.push(m.index + m[0].length);
  if (starts[starts.length - 1] !== text.length) starts.push(text.length);
  return starts;
}

describe('a corpus of polluted CSV files', () => {
  it('gets no row csv-parse strict would refuse or read differently, and counts every record', async () => {
    const next = prng(13);
    let written = 0;
    let rejected = 0;
    for (let n = 0; n < 300; n++) {
      const eol = ['\n', '\r\n'][n % 2]!;
      const text = pollute(next, cleanCsv(next, eol));
      let rows;
      try {
        rows = await collect([sourceFile(`p${n}.csv`, text, 'csv')]);
      } catch {
        // a damaged header is a config problem: the file is refused whole
        continue;
      }
      const starts = lineStarts(text);
      const header = parse(text.slice(0, starts[1]), { relax_column_count: true })[0] as string[];
      // the file's record delimiter, as csv-parse finds it in the whole file (the header has no quotes)
      const rd = /\r\n|\n|\r/.exec(text)![0];
      // a damaged header line can make CR the record delimiter of a CRLF file: records then start at
      // the LF of each line end, and a row's own text cannot be cut out by lines (still read as csv-parse does)
      if (rd !== eol) continue;
      for (let i = 0; i < rows.length; i++) {
        const row = rows[i]!;
        if (row.fault) {
          rejected++;
          continue;
        }
        written++;
        // the row's own text: from its line to the line where the next record starts
        const own = text.slice(starts[row.origin.line - 1], i + 1 < rows.length ? starts[rows[i + 1]!.origin.line - 1] : text.length);
        let strict: unknown;
        try {
          strict = parse(own, { columns: header, skip_empty_lines: true, record_delimiter: rd });
        } catch (e) {
          strict = (e as Error).message;
        }
        expect(strict, `${JSON.stringify(text)} line ${row.origin.line}`).toEqual([row.data]);
      }
    }
    // the corpus is damaged enough to matter, and mostly still readable
    expect(rejected).toBeGreaterThan(200);
    expect(written).toBeGreaterThan(3000);
  });
});
