/** Property test: whatever text a source field holds comes back exactly from the output JSON. */
import { describe, expect, test } from 'vitest';
import { compileFragments, fillFragments } from '../../../src/stages/render/fragments.js';
import { Hole, type Tree } from '../../../src/stages/render/tree.js';
import { plans, row } from '../../support/plan.js';
import { prng } from '../../support/prng.js';

const ALPHABET = ['"', '\\', '\n', '\r', '\t', '\u0000', '\u001f', '\u007f', '\u2028', '\u2029', '{', '}', '<', '&', 'é', '中', '😀', '\ud800', 'a', ' ', ',', "'", '/'];

function randomText(rand: () => number): string {
  let s = '';
  const n = Math.floor(rand() * 40);
  for (let i = 0; i < n; i++) s += rand() < 0.7 ? ALPHABET[Math.floor(rand() * ALPHABET.length)] : String.fromCharCode(Math.floor(rand() * 0xffff));
  return s;
}

describe('escaping', () => {
  test('fragments + filled holes equal JSON.stringify of the filled tree', () => {
    const rand = prng(7);
    for (let i = 0; i < 300; i++) {
      const values = [randomText(rand), randomText(rand), randomText(rand)];
      const holes = values.map((_, k) => new Hole(() => values[k]!, `h${k}`, `h${k}`));
      const tree: Tree = { a: holes[0]!, b: [1, 'c', { d: holes[1]! }], e: null, f: { g: holes[2]!, h: true } };
      const expected = JSON.stringify({ a: values[0], b: [1, 'c', { d: values[1] }], e: null, f: { g: values[2], h: true } });
      expect(fillFragments(compileFragments(tree), values)).toBe(expected);
    }
  });

  test('arbitrary unicode, quotes, backslashes, newlines and control characters in fields come back exactly', async () => {
    const [p] = await plans({
      'data/rows.csv': 'x\n1\n',
      'batch.config.yaml': 'model: m\nsource: { path: data/rows.csv }\ncustom_id: "r{{@index}}"\nmessages: [{ role: user, content: "{{a}}|{{b}}" }]\n',
    });
    const rand = prng(42);
    for (let i = 0; i < 500; i++) {
      const a = randomText(rand) + 'x';
      const b = randomText(rand);
      const line = p!.plan.render(row({ a, b }, i)).line;
      expect(line).not.toMatch(/[\n\r\u2028\u2029]/);
      const parsed = JSON.parse(line) as { custom_id: string; body: { messages: Array<{ content: string }> } };
      // lone surrogates are written as \u escapes (well-formed JSON) and come back as the same code unit
      expect(parsed.body.messages[0]!.content).toBe(`${a}|${b}`);
      expect(Buffer.from(line, 'utf8').toString('utf8')).toBe(line); // no lone surrogate reaches the file
    }
  });
});
