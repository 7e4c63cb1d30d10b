/**
 * The encoding and number examples of issue 13 ("what goes wrong today"), built end to end.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { formatProblem } from '../../../src/errors/index.js';
import { build } from '../../../src/pipeline/build.js';
import { stats } from '../../../src/stats/stats.js';
import { preview } from '../../../src/tools/preview.js';
import { jsonl, project } from '../../support/project.js';

async function run(file: string, bytes: string | Buffer, source: string, customId: string, content: string) {
  const cwd = project({
    'batch.config.yaml': `model: m\nsource: { path: data/${file}${source} }\ncustom_id: "${customId}"\nmessages: [{ role: user, content: '${content}' }]\n`,
  });
  mkdirSync(path.join(cwd, 'data'), { recursive: true });
  writeFileSync(path.join(cwd, 'data', file), bytes);
  const r = await build({ cwd });
  const prompts = r.ok
    ? jsonl(readFileSync(path.join(cwd, 'out/batch-00001.jsonl'), 'utf8')).map((l) => [l.custom_id, (l.body as { messages: Array<{ content: string }> }).messages[0]!.content])
    : [];
  return { ok: r.ok, problems: r.problems.map((p) => formatProblem(p, { hints: false })), prompts };
}

describe('sources from the wild, as issue 13 found them', () => {
  test('a UTF-16 file with a BOM (Excel "Unicode text") builds, its fields named', async () => {
    const text = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('id\ttext\r\n1\tcafé\r\n', 'utf16le')]);
    const r = await run('rows.tsv', text, '', 'q-{{id}}', '{{text}}');
    expect(r).toEqual({ ok: true, problems: [], prompts: [['q-1', 'café']] });
  });

  test('a Latin-1 file is read with encoding: latin1, and without it the build warns at the line', async () => {
    const bytes = Buffer.from('id,text\n1,café\n', 'latin1');
    expect(await run('rows.csv', bytes, ', encoding: latin1', 'q-{{id}}', '{{text}}')).toEqual({ ok: true, problems: [], prompts: [['q-1', 'café']] });
    expect(await run('rows.csv', bytes, '', 'q-{{id}}', '{{text}}')).toEqual({
      ok: true,
      problems: ['data/rows.csv:2: warning: bytes that are not valid utf-8 (the first on this line); the characters read for them are a guess'],
      prompts: [['q-1', 'caf\ufffd']],
    });
    expect((await run('rows.csv', bytes, ', strict_encoding: true', 'q-{{id}}', '{{text}}')).problems).toEqual([
      'data/rows.csv:2: bytes that are not valid utf-8 (the first on this line); the characters read for them are a guess',
    ]);
  });

  test('stats and preview warn about a Latin-1 file read as utf-8 at the same line as build', async () => {
    const cwd = project({ 'batch.config.yaml': `model: m\nsource: { path: data/rows.csv }\ncustom_id: "q-{{id}}"\nmessages: [{ role: user, content: '{{text}}' }]\n` });
    mkdirSync(path.join(cwd, 'data'), { recursive: true });
    writeFileSync(path.join(cwd, 'data/rows.csv'), Buffer.from('id,text\n1,café\n', 'latin1'));
    const warning = 'data/rows.csv:2: warning: bytes that are not valid utf-8 (the first on this line); the characters read for them are a guess';
    const shown = (r: { problems: Parameters<typeof formatProblem>[0][] }) => r.problems.map((p) => formatProblem(p, { hints: false }));
    expect(shown(await build({ cwd, check: true }))).toContain(warning);
    expect(shown(await stats({ cwd }))).toEqual([warning]);
    expect(shown(await preview({ cwd }))).toEqual([warning]);
  });

  test('9007199254740993 keeps its digits in a custom_id, a template and {{json}}', async () => {
    const r = await run('rows.jsonl', '{"id": 9007199254740993, "n": 12345678901234567890}\n', '', 'q-{{id}}', '{{n}} {{json this}} {{upper n}}');
    expect(r).toEqual({
      ok: true,
      problems: [],
      prompts: [['q-9007199254740993', '12345678901234567890 {"id":9007199254740993,"n":12345678901234567890} 12345678901234567890']],
    });
  });

  test('two different 19-digit ids are two requests, not a duplicate', async () => {
    const r = await run('rows.jsonl', '{"id": 1234567890123456789}\n{"id": 1234567890123456788}\n', '', '{{id}}', 'x');
    expect(r.prompts.map(([id]) => id)).toEqual(['1234567890123456789', '1234567890123456788']);
  });

  test('1e400 is an error naming its line, not null', async () => {
    const r = await run('rows.jsonl', '{"id": 1, "x": 2}\n{"id": 2, "x": 1e400}\n', '', 'q-{{id}}', '{{x}}');
    expect(r.ok).toBe(false);
    expect(r.problems[0]).toBe('data/rows.jsonl:2: number 1e400 is too large to read exactly (as a double it is Infinity)');
  });
});
