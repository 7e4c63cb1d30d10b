/**
 * The judge we did not write: plain Handlebars (`Handlebars.compile(t, { strict: true, noEscape:
 * true })` with the same helpers and partials) against the compiled closures and against the
 * prepared Handlebars fallback, on seeded random rows × random templates. Text must be
 * byte-identical; where Handlebars throws, both must throw the same message at the same line and
 * column.
 *
 * Every generated program opens with text: Handlebars adds two numbers that open a program
 * (`{{a}}{{b}}` with 1 and 2 gives 3), which batchforge deliberately does not copy (tested on its
 * own in compile-program.test.ts).
 */
import Handlebars from 'handlebars';
import { describe, expect, test } from 'vitest';
import type { TemplateText } from '../../../src/config/resolved.js';
import { compileUnit } from '../../../src/stages/render/compile-program.js';
import { createEnvironment, partialsOf, type RenderEnvironment } from '../../../src/stages/render/environment.js';
import { helpers, toHandlebars } from '../../../src/stages/render/helpers.js';
import { jsonString } from '../../../src/stages/render/json-text.js';
import { compileTemplate, RowError } from '../../../src/stages/render/template.js';
import { prng } from '../../support/prng.js';
import { project } from '../../support/project.js';

const PARTIALS: Record<string, string> = {
  p1: 'P1[{{a}}]',
  each: 'PE {{#each this}}<{{@index}}:{{@key}}={{this}}{{#if @first}} first{{/if}}{{#if @last}} last{{/if}}>{{else}}none{{/each}}',
  pair: 'PP {{x}}-{{y}}{{#if z}} z={{z}}{{/if}}',
  nested: 'PN {{@index}} {{> p1}} {{upper n}}',
  lines: 'PL one\n{{b}} two\n  three {{@file}}\n',
  'shots/shot': 'Q: {{q}}\nA: {{default a "?"}}\n',
  // block parameters are left to Handlebars: a template including this partial runs there whole
  params: 'PB {{#each items as |it i|}}{{i}}={{it}} {{a}};{{/each}}',
  // given only literals, these render once (compile-program.ts' fixedOutput)
  lit: 'PT {{q}}{{#if flag}} f{{/if}} {{upper q}}{{#each items}}[{{this}}]{{/each}}\n',
  lits: '{{> lit q="s1" flag=true items=false}}{{> lit q="s2" flag=false items=0}}',
};

const env: RenderEnvironment = createEnvironment(
  project(Object.fromEntries(Object.entries(PARTIALS).map(([name, text]) => [`templates/partials/${name}.hbs`, text]))),
  process.cwd(),
);

/** Plain Handlebars with batchforge's helpers; its own lookup; log without the console. */
const plain = Handlebars.create();
for (const [name, fn] of Object.entries(helpers)) if (name !== 'lookup') plain.registerHelper(name, toHandlebars(fn));
for (const [name, text] of Object.entries(PARTIALS)) plain.registerPartial(name, text);

const MATRIX = { model: 'm-1', t: 0 };

type Outcome = { text: string } | { error: string; line?: number; column?: number };

function outcome(fn: () => string): Outcome {
  try {
    return { text: fn() };
  } catch (e) {
    const err = e as { message: string; lineNumber?: number; column?: number };
    return { error: err.message, line: err.lineNumber, column: err.column };
  }
}

function inline(text: string): TemplateText {
  return { text, name: 'test', location: { file: 'test' } };
}

/** The three ways to render one template; `compiled` is undefined if the compiler left it to Handlebars. */
function contenders(text: string) {
  const reference = plain.compile(text, { strict: true, noEscape: true });
  const tpl = inline(text);
  // as compileTemplate compiles it: calls given only literals may be folded to their text
  const unit = compileUnit(Handlebars.parse(text), tpl, helpers, env.runPartial, undefined, (name) => env.units.get(name));
  const reach = unit && partialsOf(env, unit.partials);
  const fallback = env.handlebars().compile(tpl);
  const data = (row: Record<string, unknown>, index: number) => ({ index, file: 'data/x.jsonl', line: index + 1, matrix: MATRIX });
  return {
    // the default prototype-access rules, stated so Handlebars does not print a warning about them
    reference: (row: Record<string, unknown>, i: number) =>
      reference(row, { data: data(row, i), allowProtoMethodsByDefault: false, allowProtoPropertiesByDefault: false }),
    compiled: unit && reach!.compiled ? (row: Record<string, unknown>, i: number) => unit.run(row, { ...data(row, i), root: row }) : undefined,
    fallback: (row: Record<string, unknown>, i: number) => fallback(row, { ...data(row, i), root: row }),
  };
}

// ---- random rows ----
const STRINGS = ['', ' ', 'plain', 'é ü ß', '😀 emoji', 'a "quoted" \\ back', 'line\nbreak', '\u2028sep\u2029', '0', 'false', '<b>&amp;</b>', 'e\u0301'];
const KEYS = ['a', 'b', 'n', 'flag', 'items', 'user', 'tags', 'q', 'x', 'y', 'z', 'odd key'];

function randomValue(r: () => number, depth: number): unknown {
  const k = Math.floor(r() * (depth > 1 ? 6 : 9));
  switch (k) {
    case 0:
    case 1:
      return STRINGS[Math.floor(r() * STRINGS.length)];
    case 2:
      return [0, 1, -1.5, 42, 1e21, 3][Math.floor(r() * 6)];
    case 3:
      return r() < 0.5;
    case 4:
      return null;
    case 5:
      return [];
    case 6:
      return Array.from({ length: Math.floor(r() * 4) }, () => randomValue(r, depth + 1));
    case 7:
      return randomRow(r, depth + 1, 0.6);
    default:
      return {};
  }
}

function randomRow(r: () => number, depth = 0, presence = 0.85): Record<string, unknown> {
  const row: Record<string, unknown> = {};
  for (const key of KEYS) if (r() < presence) row[key] = randomValue(r, depth);
  return row;
}

// ---- random templates ----
const PATHS = ['a', 'b', 'n', 'flag', 'q', 'x', 'user.a', 'user.b', 'items.length', 'this', 'this.a', './b', '[odd key]', '@index', '@key', '@first', '@last', '@root.a', '@matrix.model', '@file', '@line', '../a', '../../b'];
const ARGS = ['a', 'b', 'n', 'flag', 'items', 'tags', 'user', 'user.a', 'this', '.', '@index', '@root.n', '../a', '"lit"', '""', '2', '0', '-1', 'true', 'false', 'null', 'undefined'];
const HELPERS = ['json', 'default', 'trim', 'upper', 'lower', 'truncate', 'join', 'eq', 'ne', 'and', 'or', 'not', 'lookup', 'log'];
const TEXTS = ['t ', ' ', '\n', '  \n', 'é😀 ', '"q" ', '\\ ', '\n  ', '{ } '];

class TemplateWriter {
  private opened = 0;
  constructor(private readonly r: () => number) {}
  private pick<T>(xs: readonly T[]): T {
    return xs[Math.floor(this.r() * xs.length)]!;
  }
  private tilde(): string {
    return this.r() < 0.2 ? '~' : '';
  }
  private arg(depth: number): string {
    if (depth < 2 && this.r() < 0.15) return `(${this.call(depth + 1)})`;
    return this.pick(ARGS);
  }
  private call(depth: number): string {
    const name = this.pick(HELPERS);
    const n = name === 'log' || name === 'lookup' ? 2 : 1 + Math.floor(this.r() * 3);
    const args = Array.from({ length: n }, () => this.arg(depth));
    const hash = name === 'json' && this.r() < 0.3 ? ' indent=2' : '';
    return `${name} ${args.join(' ')}${hash}`;
  }
  private mustache(): string {
    const t1 = this.tilde();
    const t2 = this.tilde();
    if (this.r() < 0.4) return `{{${t1}${this.call(0)}${t2}}}`;
    const path = this.pick(PATHS);
    return this.r() < 0.15 ? `{{${t1}{${path}}${t2}}}` : `{{${t1}${path}${t2}}}`;
  }
  private partial(): string {
    const forms = ['{{> params}}', '{{> p1}}', '{{> each items}}', '{{> each user}}', '{{> pair x=a y="lit" z=n}}', '{{> pair user x=b}}', '{{> nested}}', '{{> "shots/shot" q=a}}', '{{> shots/shot user}}'];
    const p = this.pick(forms);
    // a partial alone on its line, indented: Handlebars indents each line of its output
    if (this.r() < 0.3) return `\n  {{> lines}}\n`;
    return this.r() < 0.2 ? `\n    ${p}\n` : p;
  }
  private block(depth: number): string {
    const cond = this.r() < 0.3 ? `(${this.call(1)})` : this.pick(ARGS);
    const kind = this.pick(['if', 'if', 'unless', 'each', 'each', 'with']);
    const zero = kind === 'if' && this.r() < 0.2 ? ' includeZero=true' : '';
    const [a, b] = [this.tilde(), this.tilde()];
    const body = this.program(depth + 1);
    let inverse = '';
    const roll = this.r();
    if (kind === 'if' && roll < 0.25) inverse = `{{${a}else if ${this.pick(ARGS)}${b}}}${this.program(depth + 1)}{{else}}${this.program(depth + 1)}`;
    else if (roll < 0.6) inverse = `{{${b}else${a}}}${this.program(depth + 1)}`;
    const standalone = this.r() < 0.3 ? '\n' : '';
    return `${standalone}{{${a}#${kind} ${cond}${zero}${b}}}${standalone}${body}${inverse}{{${b}/${kind}${a}}}${standalone}`;
  }
  /** Every program opens with text (see the file's comment). */
  program(depth: number): string {
    let out = `w${this.opened++} `;
    const n = Math.floor(this.r() * 5);
    for (let i = 0; i < n; i++) {
      const roll = this.r();
      if (roll < 0.3) out += this.pick(TEXTS);
      else if (roll < 0.65) out += this.mustache();
      else if (roll < 0.85 && depth < 3) out += this.block(depth);
      else if (roll < 0.93) out += this.partial();
      else out += `{{! comment ${i} }}`;
    }
    return out;
  }
}

const HAND_PICKED = [
  'plain text, no fields',
  'Q: {{q}}\nA:',
  '{{a}}|{{b}}|{{n}}|{{flag}}|{{items}}|{{user}}',
  '{{user.a}} ({{user.b}})',
  'row {{@index}} of {{@file}}:{{@line}} with {{@matrix.model}} at {{@matrix.t}}',
  'x {{missing}}',
  'line one\n  {{user.missing}}',
  'x {{@nope}}',
  'x {{a.b}}',
  'x {{q.length}}',
  'x {{constructor}}{{toString}}',
  'x {{~ q ~}} y',
  'x {{{q}}} {{&q}}',
  'x {{[odd key]}}',
  'x {{this.q}} {{./q}}',
  'x {{! a comment }}{{q}}{{!-- another --}}',
  '😀 {{q}} é',
  'x {{#each items}}{{@index}}/{{@key}}/{{@first}}/{{@last}}={{this}};{{else}}empty{{/each}}',
  'x {{#each user}}{{@key}}:{{this}},{{/each}}',
  'x {{#each items}}i {{#each this}}j {{../a}}{{@index}}{{/each}}{{/each}}',
  'x {{#with user}}w {{a}} {{../n}}{{else}}no user{{/with}}',
  'x {{#if n includeZero=true}}yes{{else}}no{{/if}} {{#unless flag}}off{{/unless}}',
  'x {{#if a}}A{{else if b}}B{{else if n}}N{{else}}none{{/if}}',
  'x\n  {{#if a}}\n  inside\n  {{/if}}\nafter',
  'x {{~#if a~}}  spaced  {{~else~}}  other  {{~/if~}} y',
  'x {{> pair x=a y=(upper b) z=(eq n 1)}}',
  'x\n    {{> lines}}\nend',
  'x {{json this}} {{json user indent=2}} {{lookup user "a"}} {{lookup items 0}} {{log a b}}',
  'x {{default a b "fallback"}} {{truncate q 3 "…"}} {{join tags "|"}} {{join items}}',
  'x {{#if (and a (not b))}}and{{/if}} {{#if (or (eq n 1) (ne q "plain"))}}or{{/if}}',
  'x {{#each items}}{{> shots/shot}}{{/each}}',
  'x {{#each items}}{{> params}}{{/each}}',
  'x {{> lits}} {{> lit q="a" flag=true items=null}} {{> lit q="b"}} {{> lit q=a flag=1 items=items}}',
  'x {{#each items}}{{> lits}}{{> lit q="i" flag=true items=null}}{{/each}}',
];

function rowsFor(seed: number, count: number): Array<Record<string, unknown>> {
  const r = prng(seed);
  return Array.from({ length: count }, () => randomRow(r));
}

/** Returns how many rows rendered text (the others threw). */
function expectSame(text: string, rows: Array<Record<string, unknown>>): number {
  const c = contenders(text);
  expect(c.compiled === undefined, `compiled or not: ${JSON.stringify(text)}`).toBe(text.includes('{{> params}}'));
  let texts = 0;
  rows.forEach((row, i) => {
    const want = outcome(() => c.reference(row, i));
    if ('text' in want) texts++;
    const context = `template ${JSON.stringify(text)}\nrow ${JSON.stringify(row)}`;
    if (c.compiled) expect(outcome(() => c.compiled!(row, i)), context).toEqual(want);
    expect(outcome(() => c.fallback(row, i)), context).toEqual(want);
  });
  return texts;
}

describe('compiled templates and the Handlebars fallback render exactly as plain Handlebars', () => {
  test.each(HAND_PICKED)('%j', (text) => {
    expectSame(text, rowsFor(7, 40));
  });

  test('on 400 random templates × 25 random rows', () => {
    const r = prng(20261201);
    let texts = 0;
    for (let t = 0; t < 400; t++) texts += expectSame(new TemplateWriter(r).program(0), rowsFor(t, 25));
    // the random rows must exercise both outcomes, not only strict-mode errors
    expect(texts).toBeGreaterThan(2000);
    expect(400 * 25 - texts).toBeGreaterThan(500);
  });
});

/**
 * A compiled template also renders straight to JSON text (its constant text escaped once): that
 * must be the escape of what it renders as text, and fail with the same problem where that fails.
 */
function expectSameJson(text: string, rows: Array<Record<string, unknown>>): void {
  const hole = compileTemplate(env, inline(text), 'test', MATRIX);
  expect(hole.json === undefined, `JSON form or not: ${JSON.stringify(text)}`).toBe(text.includes('{{> params}}'));
  if (!hole.json) return;
  const json = hole.json;
  const result = (fn: () => string) => {
    try {
      return { text: fn() };
    } catch (e) {
      if (e instanceof RowError) return { problem: e.problem };
      throw e;
    }
  };
  rows.forEach((data, index) => {
    const row = { data, index, origin: { file: 'data/x.jsonl', line: index + 1 } };
    const want = result(() => jsonString(hole.render(row)).slice(1, -1));
    const context = `template ${JSON.stringify(text)}\nrow ${JSON.stringify(data)}`;
    expect(result(() => json(row)), context).toEqual(want);
    // the blank check that skips reading the text agrees with reading it
    if (hole.blank && 'text' in want) expect(hole.blank(row), context).toBe(!/\S/.test(hole.render(row)));
  });
}

describe('the JSON form of a compiled template is the escape of its text', () => {
  test.each(HAND_PICKED)('%j', (text) => {
    expectSameJson(text, rowsFor(7, 40));
  });

  test('on 400 random templates × 25 random rows', () => {
    const r = prng(20261202);
    for (let t = 0; t < 400; t++) expectSameJson(new TemplateWriter(r).program(0), rowsFor(t, 25));
  });

  test.each(['{{a}}{{b}}', '{{a}}\n {{user.a}}', '{{~a~}}  {{! c }}{{n}}', '{{{b}}} {{[odd key]}} {{this.q}}', '\n{{q}}\t', '{{json}} {{log}}', '{{#if a}}{{a}}{{/if}} then text'])(
    'knows whether %j is blank without its text, on random rows',
    (text) => {
      expect(compileTemplate(env, inline(text), 'test', MATRIX).blank).toBeDefined();
      expectSameJson(text, rowsFor(3, 200));
    },
  );

  test('values that end and start inside one surrogate pair are escaped joined', () => {
    const hole = compileTemplate(env, inline('x {{a}}{{b}} {{#each items}}{{this}}{{/each}}'), 'test', MATRIX);
    const row = { data: { a: 'y\ud83d', b: '\ude00z', items: ['\ud83d', '\ude00', '\ud83d'] }, index: 0, origin: { file: 'data/x.jsonl', line: 1 } };
    expect(hole.json!(row)).toBe('x y😀z 😀\\ud83d');
  });
});
