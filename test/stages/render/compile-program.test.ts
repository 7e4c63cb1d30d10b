/** What the compiler covers, and the one place batchforge parts from Handlebars on purpose. */
import Handlebars from 'handlebars';
import { describe, expect, test } from 'vitest';
import { compileUnit } from '../../../src/stages/render/compile-program.js';
import { createEnvironment } from '../../../src/stages/render/environment.js';
import { helpers } from '../../../src/stages/render/helpers.js';
import { project } from '../../support/project.js';

const env = createEnvironment(project({ 'templates/partials/p.hbs': 'p{{x}}' }), process.cwd());
const tpl = (text: string) => ({ text, name: 'test', location: { file: 'test' } });
const compile = (text: string) => compileUnit(Handlebars.parse(text), tpl(text), helpers, env.runPartial);
const data = { index: 0, file: 'f', line: 1, matrix: {} };

describe('compileUnit', () => {
  test('values join as text, where Handlebars adds two numbers that open a program', () => {
    const text = '{{a}}{{b}} {{#if a}}{{a}}{{b}}{{/if}}';
    const row = { a: 1, b: 2 };
    expect(Handlebars.compile(text, { strict: true, noEscape: true })(row)).toBe('3 3');
    expect(compile(text)!.run(row, { ...data, root: row })).toBe('12 12');
    expect(env.handlebars().compile(tpl(text))(row, { ...data, root: row })).toBe('12 12');
  });

  test.each([
    '{{a}}',
    '{{#each xs}}{{@key}}{{../a}}{{else}}-{{/each}}',
    '{{#with a}}{{this}}{{/with}}',
    '{{#unless a includeZero=true}}{{/unless}}',
    '{{upper (lower a) k=(trim b)}}',
    '{{> p x=1}}',
    '{{~#if a~}} x {{~else if b~}} y {{~/if~}}',
  ])('compiles %j', (text) => {
    expect(compile(text)).toBeDefined();
  });

  test.each([
    '{{#each xs as |x i|}}{{x}}{{/each}}',
    '{{#> p}}block{{/p}}',
    '{{#*inline "q"}}i{{/inline}}{{> q}}',
    '{{> (lookup . "name")}}',
    '{{"literal"}}',
    '{{@../index}}',
    '{{if a}}',
  ])('leaves %j to Handlebars', (text) => {
    expect(compile(text)).toBeUndefined();
  });
});

describe('partial calls given only literals', () => {
  /** Partials compiled with a counting helper, so that a test sees how often each one ran. */
  function counted(partials: Record<string, string>) {
    const runs: Record<string, number> = {};
    const counting = { ...helpers, count: ([tag]: unknown[]) => ((runs[String(tag)] = (runs[String(tag)] ?? 0) + 1), '') };
    const units = new Map<string, ReturnType<typeof compileUnit>>();
    const runner = (name: string) => (ctx: unknown, d: Parameters<NonNullable<ReturnType<typeof compileUnit>>['run']>[1]) => units.get(name)!.run(ctx, d);
    const lookup = (name: string) => units.get(name);
    for (const [name, text] of Object.entries(partials)) units.set(name, compileUnit(Handlebars.parse(text), tpl(text), counting, runner, undefined, lookup));
    const compileCounted = (text: string) => compileUnit(Handlebars.parse(text), tpl(text), counting, runner, undefined, lookup)!;
    return { runs, compileCounted };
  }

  test('render once when the partial reads only what they fix, also through a partial that calls it', () => {
    const { runs, compileCounted } = counted({
      shot: '{{count "shot"}}Q: {{q}}{{#if label}} => {{label}}{{/if}}\n',
      shots: '{{count "shots"}}{{> shot q="a" label="x"}}{{> shot q="b" label="y"}}',
    });
    const unit = compileCounted('{{topic}}\n{{> shots}}{{> shot q="c"}}{{> shot q=topic label="z"}}');
    const texts = ['geo', 'art', 'sea'].map((topic) => unit.run({ topic, label: topic.toUpperCase() }, undefined));
    expect(texts).toEqual(['geo', 'art', 'sea'].map((t) => `${t}\nQ: a => x\nQ: b => y\nQ: c => ${t.toUpperCase()}\nQ: ${t} => z\n`));
    // shots (and the two shots it holds) once; `shot q="c"` reads the row's label, `q=topic` a field: every row
    expect(runs).toEqual({ shots: 1, shot: 2 + 3 + 3 });
  });

  test('are not folded when the partial reads @-variables, this, or ../', () => {
    const { runs, compileCounted } = counted({ at: '{{count "at"}}{{@index}}', self: '{{count "self"}}{{json this}}', up: '{{count "up"}}{{#with q}}{{../r}}{{/with}}' });
    const unit = compileCounted('{{> at q="1"}}|{{> self q="1"}}|{{> up q="1"}}');
    const texts = [0, 1].map((index) => unit.run({ r: index }, { ...data, index, root: {} }));
    expect(texts).toEqual(['0|{"r":0,"q":"1"}|0', '1|{"r":1,"q":"1"}|1']);
    expect(runs).toEqual({ at: 2, self: 2, up: 2 });
  });
});
