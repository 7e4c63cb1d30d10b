import { describe, expect, test } from 'vitest';
import { plans, row } from '../../support/plan.js';

const DATA = { 'data/rows.csv': 'x\n1\n' };

async function render(template: string, data: Record<string, unknown>, index = 0): Promise<string> {
  const config = `model: m\nsource: { path: data/rows.csv }\nmessages:\n  - role: user\n    content: ${JSON.stringify(template)}\n`;
  const [p] = await plans({ ...DATA, 'batch.config.yaml': config });
  const line = JSON.parse(p!.plan.render(row(data, index)).line) as { body: { messages: Array<{ content: string }> } };
  return line.body.messages[0]!.content;
}

describe('built-in helpers', () => {
  test('json renders a value or the whole row as compact JSON', async () => {
    expect(await render('{{json this}}', { a: '1', b: [1, 'x'] })).toBe('{"a":"1","b":[1,"x"]}');
    expect(await render('{{json tags}}', { tags: ['a', 'b'] })).toBe('["a","b"]');
  });
  test('default takes the first non-empty value', async () => {
    expect(await render('{{default name "anon"}}', { name: '' })).toBe('anon');
    expect(await render('{{default name "anon"}}', { name: 'Ann' })).toBe('Ann');
    expect(await render('{{default missing "anon"}}', {})).toBe('anon');
  });
  test('trim, upper, lower', async () => {
    expect(await render('[{{trim s}}] {{upper s}} {{lower s}}', { s: '  Ab ' })).toBe('[Ab]   AB    ab ');
  });
  test('truncate counts characters, suffix included, never splits a surrogate pair', async () => {
    expect(await render('{{truncate s 5}}', { s: 'abcdefgh' })).toBe('abcde');
    expect(await render('{{truncate s 5 "…"}}', { s: 'abcdefgh' })).toBe('abcd…');
    expect(await render('{{truncate s 2}}', { s: '😀😀😀' })).toBe('😀😀');
    expect(await render('{{truncate s 10}}', { s: 'short' })).toBe('short');
  });
  test('join lists with a separator', async () => {
    expect(await render('{{join tags " | "}}', { tags: ['a', 'b', 'c'] })).toBe('a | b | c');
    expect(await render('{{join tags}}', { tags: ['a', 'b'] })).toBe('a, b');
  });
  test('eq, ne, and, or, not in conditions', async () => {
    expect(await render('{{#if (eq lang "en")}}E{{else}}O{{/if}}', { lang: 'en' })).toBe('E');
    expect(await render('{{#if (eq n 3)}}three{{/if}}', { n: '3' })).toBe('three');
    expect(await render('{{#if (ne lang "en")}}O{{/if}}', { lang: 'fr' })).toBe('O');
    expect(await render('{{#if (and a b)}}both{{/if}}{{#if (or a c)}}one{{/if}}{{#if (not c)}}none{{/if}}', { a: 'x', b: 'y', c: '' })).toBe('bothonenone');
  });
  test('@index is the 0-based row position; @file and @line give the origin', async () => {
    expect(await render('{{@index}} {{@file}}:{{@line}}', {}, 7)).toBe('7 data/rows.csv:9');
  });
  test('no HTML escaping', async () => {
    expect(await render('{{s}}', { s: '<b>"&\'</b>' })).toBe('<b>"&\'</b>');
  });
});
