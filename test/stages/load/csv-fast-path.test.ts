/**
 * The fast path (csv-parser.ts) may serve the default dialect only because it reads exactly as
 * csv-parse does: the same values, the same faults, the same lines. Random text from an alphabet
 * rich in quotes, delimiters and every line ending, cut into random chunks, goes through both.
 */
import { describe, expect, it } from 'vitest';
import { CsvParseParser } from '../../../src/stages/load/csv-parse-parser.js';
import { CsvParser, type CsvRecordParser, type CsvSink } from '../../../src/stages/load/csv-parser.js';
import { prng } from '../../support/prng.js';
import { feedInPieces } from './helpers.js';

type Event = [line: number, ...fields: string[]] | ['fault', string, number, number, string];

function read(make: (sink: CsvSink) => CsvRecordParser, text: string, cuts: number[]): Event[] {
  const out: Event[] = [];
  const parser = make({
    record: (fields, line, t, start, end) => out.push([line, ...fields, `raw:${t.slice(start, end)}`]),
    fault: (kind, line, column, raw) => out.push(['fault', kind, line, column, raw]),
  });
  feedInPieces(parser, text, cuts);
  return out;
}

const fast = (delimiter: string) => (sink: CsvSink) => new CsvParser(delimiter, sink);
const csvParse = (delimiter: string) => (sink: CsvSink) => new CsvParseParser({ delimiter, skip_empty_lines: true }, sink);

function randomText(next: () => number, alphabet: string[], length: number): string {
  let s = '';
  for (let i = 0; i < length; i++) s += alphabet[Math.floor(next() * alphabet.length)];
  return s;
}

/** offsets to cut `text` at, never inside a surrogate pair (decoded text never splits one) */
function randomCuts(next: () => number, text: string): number[] {
  const cuts: number[] = [];
  for (let at = 0; ; ) {
    at += 1 + Math.floor(next() * 12);
    if (at >= text.length) return cuts;
    if (/[\uDC00-\uDFFF]/.test(text[at]!)) at++;
    if (at < text.length) cuts.push(at);
  }
}

describe('the fast CSV path reads as csv-parse does', () => {
  for (const delimiter of [',', '\t', ';']) {
    it(`on 3000 random texts with delimiter ${JSON.stringify(delimiter)}, whole and cut into chunks`, () => {
      const next = prng(delimiter.charCodeAt(0));
      const alphabet = ['a', 'b', 'é', '😀', ' ', delimiter, delimiter, '"', '"', '""', '\n', '\n', '\r\n', '\r', ','];
      for (let n = 0; n < 3000; n++) {
        const text = randomText(next, alphabet, Math.floor(next() * 40));
        const expected = read(csvParse(delimiter), text, []);
        expect(read(fast(delimiter), text, []), JSON.stringify(text)).toEqual(expected);
        expect(read(fast(delimiter), text, randomCuts(next, text)), JSON.stringify(text)).toEqual(expected);
        expect(read(csvParse(delimiter), text, randomCuts(next, text)), JSON.stringify(text)).toEqual(expected);
      }
    });
  }

  it('on well-formed files with a few damaged lines, in each line ending', () => {
    const next = prng(7);
    for (const eol of ['\n', '\r\n', '\r']) {
      for (let n = 0; n < 300; n++) {
        const lines: string[] = ['id,text,n'];
        for (let i = 0; i < 20; i++) {
          const text = randomText(next, ['a', ' ', ',', '"', '\n', 'x'], 6);
          let line = `${i},"${text.replaceAll('"', '""')}",${i * 2}`;
          const damage = next();
          if (damage < 0.05) line = line.replace('"', '');
          else if (damage < 0.1) line = `${i},"open,${i}`;
          else if (damage < 0.15) line = `${i},x"y,1`;
          else if (damage < 0.2) line = '';
          lines.push(line);
        }
        const text = lines.join(eol) + (next() < 0.5 ? eol : '');
        const expected = read(csvParse(','), text, []);
        expect(read(fast(','), text, randomCuts(next, text)), JSON.stringify(text)).toEqual(expected);
      }
    }
  });
});
