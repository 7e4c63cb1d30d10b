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
