/** Property test: whatever text a source field holds comes back exactly from the output JSON. */
import { describe, expect, test } from 'vitest';
import { compileFragments, fillFragments } from '../../../src/stages/render/fragments.js';
import type { RowError } from '../../../src/stages/render/template.js';
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

  test('a rendered line is JSON.stringify of the request byte for byte (U+2028/2029 as escapes), also where two values join into a surrogate pair', async () => {
    const [p] = await plans({
      'data/rows.csv': 'x\n1\n',
      'templates/system.hbs': 'Say "{{a}}"\tthen\u2028{{#each list}}{{this}}{{/each}}\n',
      'batch.config.yaml': 'model: m\nsource: { path: data/rows.csv }\ncustom_id: "r{{@index}}"\nmessages:\n  - { role: system, template: templates/system.hbs }\n  - { role: user, content: "{{a}}{{b}}" }\n',
    });
    const rand = prng(9);
    const halves = ['\ud83d', '\ude00', '\udbff', '\udc00'];
    for (let i = 0; i < 500; i++) {
      const a = randomText(rand) + (rand() < 0.3 ? halves[i % 4] : '') + 'x';
      const b = (rand() < 0.3 ? halves[(i + 1) % 4] : '') + randomText(rand);
      const list = [randomText(rand) + halves[i % 4], halves[(i + 1) % 4]!, randomText(rand)];
      const request = {
        custom_id: `r${i}`,
        method: 'POST',
        url: '/v1/chat/completions',
        body: { model: 'm', messages: [{ role: 'system', content: `Say "${a}"\tthen\u2028${list.join('')}\n` }, { role: 'user', content: a + b }] },
      };
      const want = JSON.stringify(request).replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029');
      expect(p!.plan.render(row({ a, b, list }, i)).line).toBe(want);
    }
  });

  test('renderInto writes the bytes of the line render returns, refuses a buffer too small for it, and throws what render throws', async () => {
    const [p] = await plans({
      'data/rows.csv': 'x\n1\n',
      'templates/system.hbs': 'Say "{{a}}"\u2028{{#each list}}{{this}}{{/each}}\n',
      'batch.config.yaml': 'model: m\nsource: { path: data/rows.csv }\ncustom_id: "r{{@index}}"\nmessages:\n  - { role: system, template: templates/system.hbs }\n  - { role: user, content: "{{a}}{{b}}" }\n',
    });
    const plan = p!.plan;
    const rand = prng(11);
    const buf = Buffer.alloc(64 * 1024);
    for (let i = 0; i < 500; i++) {
      const data = { a: randomText(rand) + '\ud83d', b: '\ude00' + randomText(rand), list: [randomText(rand), randomText(rand)] };
      const { customId, line } = plan.render(row(data, i));
      const at = i % 7;
      expect(plan.renderInto(row(data, i), buf, at)).toEqual({ customId, end: at + Buffer.byteLength(line) });
      expect(buf.subarray(at, at + Buffer.byteLength(line)).toString()).toBe(line);
      expect(plan.renderInto(row(data, i), buf, buf.length - 20)).toBeUndefined();
    }
    const failing = (fn: () => unknown) => {
      try {
        fn();
      } catch (e) {
        return (e as RowError).problem;
      }
      throw new Error('no error');
    };
    for (const data of [{ a: 'x', list: [] }, { a: ' ', b: '\n', list: 'no list' }]) {
      expect(failing(() => plan.renderInto(row(data), buf, 0))).toEqual(failing(() => plan.render(row(data))));
    }
  });
});
