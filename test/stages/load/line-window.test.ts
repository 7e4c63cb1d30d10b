import { describe, expect, it } from 'vitest';
import { LineWindow } from '../../../src/stages/load/line-window.js';
import { prng } from './helpers.js';

/** lines from..to of `text` (LF, CRLF, lone CR end a line), their line ends included */
function expected(text: string, from: number, to: number): string {
  const ends = [...text.matchAll(/\r\n|\n|\r/g)].map((m) => m.index + m[0].length);
  const starts = [0, ...ends];
  const start = from - 1 < starts.length ? starts[from - 1]! : text.length;
  const end = to < starts.length ? starts[to]! : text.length;
  return text.slice(Math.min(start, text.length), Math.max(start, end));
}

describe('LineWindow (source.from_line, to_line)', () => {
  it('passes on exactly lines from..to, however the text is cut', () => {
    const next = prng(99);
    const alphabet = ['a', 'b', '\n', '\r', '\r\n', ','];
    for (let n = 0; n < 3000; n++) {
      let text = '';
      const length = Math.floor(next() * 30);
      for (let i = 0; i < length; i++) text += alphabet[Math.floor(next() * alphabet.length)];
      const from = 1 + Math.floor(next() * 5);
      const to = from + Math.floor(next() * 5);
      const window = new LineWindow(from, to);
      let got = '';
      for (let at = 0; at < text.length && !window.finished; ) {
        const size = 1 + Math.floor(next() * 4);
        got += window.take(text.slice(at, at + size));
        at += size;
      }
      expect(got, `${JSON.stringify(text)} lines ${from}..${to}`).toBe(expected(text, from, to));
    }
  });
});
