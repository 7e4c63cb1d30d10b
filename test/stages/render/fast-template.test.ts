/** The fast path must be indistinguishable from Handlebars: same text, same errors, same positions. */
import Handlebars from 'handlebars';
import { describe, expect, test } from 'vitest';
import { compileFast } from '../../../src/stages/render/fast-template.js';

const hb = Handlebars.create();
const data = { index: 3, file: 'data/x.csv', line: 5, matrix: { model: 'm1', t: 0 } };

function outcome(fn: (c: Record<string, unknown>) => string, ctx: Record<string, unknown>) {
  try {
    return { text: fn(ctx) };
  } catch (e) {
    const err = e as { message: string; lineNumber?: number; column?: number };
    return { error: err.message, line: err.lineNumber, column: err.column };
  }
}

const TEMPLATES = [
  'plain text, no fields',
  'Q: {{q}}\nA:',
  '{{a}}|{{b}}|{{c}}|{{d}}|{{e}}|{{f}}',
  '{{user.name}} ({{user.age}})',
  'row {{@index}} of {{@file}}:{{@line}} with {{@matrix.model}} at {{@matrix.t}}',
  '{{missing}}',
  'line one\n  {{nested.missing}}',
  '{{@nope}}',
  '{{a.b}}',
  '{{s.length}}',
  '{{constructor}}{{toString}}',
  'x {{~ q ~}} y',
  '{{{q}}} {{&q}}',
  '{{[odd key]}}',
  '{{this.q}} {{./q}}',
  '{{! a comment }}{{q}}{{!-- another --}}',
  '😀 {{q}} é',
];
const CONTEXTS: Array<Record<string, unknown>> = [
  { q: 'hello "world" <b>', a: null, b: false, c: 0, d: [1, 'x'], e: { x: 1 }, f: '', user: { name: 'Ann', age: 7 }, s: 'str', 'odd key': 'k' },
  { q: '', user: null, a: undefined, nested: {} },
  {},
];

describe('compileFast', () => {
  test.each(TEMPLATES)('%j renders exactly as Handlebars strict + noEscape', (template) => {
    const ast = hb.parse(template);
    const fast = compileFast(ast);
    expect(fast).toBeDefined();
    const slow = hb.compile(template, { strict: true, noEscape: true });
    for (const ctx of CONTEXTS) expect(outcome((c) => fast!(c, () => data), ctx)).toEqual(outcome((c) => slow(c, { data }), ctx));
  });

  test.each(['{{upper q}}', '{{#if q}}x{{/if}}', '{{> p}}', '{{this}}', '{{../q}}', '{{@root.q}}', '{{lookup a b}}'])(
    '%j is left to Handlebars',
    (template) => {
      expect(compileFast(hb.parse(template))).toBeUndefined();
    },
  );
});
