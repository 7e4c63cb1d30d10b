/** The one escape of text into a JSON line, held to JSON.stringify (the judge) on random text. */
import { describe, expect, test } from 'vitest';
import { isBlankEscaped, jsonInner, jsonString, SPLIT_SURROGATE } from '../../../src/stages/render/json-text.js';
import { prng } from '../../support/prng.js';

const ALPHABET = ['"', '\\', '\n', '\r', '\t', '\b', '\f', '\v', '\u0000', '\u001f', '\u007f', '\u00a0', '\u2028', '\u2029', '\ufeff', '\u3000', 'é', '中', '😀', '\ud83d', '\ude00', '\udbff', '\udc00', 'a', 'n', 'u', ' ', '/'];

function randomText(rand: () => number, max = 30): string {
  let s = '';
  const n = Math.floor(rand() * max);
  for (let i = 0; i < n; i++) s += rand() < 0.8 ? ALPHABET[Math.floor(rand() * ALPHABET.length)] : String.fromCharCode(Math.floor(rand() * 0x10000));
  return s;
}

/** What the line must hold: JSON.stringify's text, with the two separators as \u escapes. */
const judge = (text: string) => JSON.stringify(text).replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029');

describe('jsonString', () => {
  test('is JSON.stringify with U+2028/2029 escaped, on 20,000 random texts', () => {
    const rand = prng(2026);
    for (let i = 0; i < 20000; i++) {
      const text = randomText(rand);
      expect(jsonString(text), JSON.stringify(text)).toBe(judge(text));
    }
  });

  test('every code unit below 0x10000, alone and between letters', () => {
    for (let c = 0; c < 0x10000; c++) {
      const ch = String.fromCharCode(c);
      expect(jsonString(ch)).toBe(judge(ch));
      expect(jsonString(`a${ch}b`)).toBe(judge(`a${ch}b`));
    }
  });

  test('quotes only take the short path; the separators never stay raw', () => {
    expect(jsonString('say "hi"')).toBe('"say \\"hi\\""');
    expect(jsonString('a\u2028b\u2029c')).toBe('"a\\u2028b\\u2029c"');
    expect(jsonString('😀\u2028\ud800')).toBe('"😀\\u2028\\ud800"');
  });
});

describe('jsonInner', () => {
  test('escaped pieces, joined, are the escape of the joined text, or it refuses the piece', () => {
    const rand = prng(17);
    let refused = 0;
    for (let i = 0; i < 20000; i++) {
      const pieces = Array.from({ length: 1 + Math.floor(rand() * 4) }, () => randomText(rand, 6));
      let joined: string;
      try {
        joined = pieces.map(jsonInner).join('');
      } catch (e) {
        expect(e).toBe(SPLIT_SURROGATE);
        refused++;
        continue;
      }
      expect(`"${joined}"`, JSON.stringify(pieces)).toBe(judge(pieces.join('')));
    }
    // the refusals happen (halves at the edges) but are not the rule
    expect(refused).toBeGreaterThan(100);
    expect(refused).toBeLessThan(10000);
  });

  test('two halves of a pair in two pieces are refused; whole pairs and lone halves inside are not', () => {
    expect(() => jsonInner('x\ud83d')).toThrow(SPLIT_SURROGATE);
    expect(() => jsonInner('\ude00x')).toThrow(SPLIT_SURROGATE);
    expect(jsonInner('a😀b')).toBe('a😀b');
    expect(jsonInner('a\ud83db')).toBe('a\\ud83db');
  });
});

describe('isBlankEscaped', () => {
  test('says what /\\S/ says of the text before escaping', () => {
    const blanks = [' ', '\t', '\n', '\r', '\v', '\f', '\u00a0', '\u1680', '\u2000', '\u200a', '\u2028', '\u2029', '\u202f', '\u205f', '\u3000', '\ufeff'];
    const others = ['n', 't', 'u', '\\', '"', '\b', '\u0000', '\u001c', '\u001f', '\u0085', '\u200b', '\ud83d', 'u000b', '\\n', 'x'];
    const rand = prng(5);
    for (let i = 0; i < 20000; i++) {
      let text = '';
      const n = Math.floor(rand() * 8);
      for (let k = 0; k < n; k++) text += rand() < 0.85 ? blanks[Math.floor(rand() * blanks.length)] : others[Math.floor(rand() * others.length)];
      expect(isBlankEscaped(jsonString(text).slice(1, -1)), JSON.stringify(text)).toBe(!/\S/.test(text));
    }
    expect(isBlankEscaped('')).toBe(true);
    expect(isBlankEscaped('\\n\\u000b \\u2028')).toBe(true);
    expect(isBlankEscaped('\\n\\u000c')).toBe(false);
    expect(isBlankEscaped('\\\\n')).toBe(false);
  });
});
