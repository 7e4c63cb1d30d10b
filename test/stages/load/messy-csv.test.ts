/**
 * The CSV examples of issue 13 ("what goes wrong today"), built end to end: each one used to be
 * read silently wrong (or not at all) and is now read right, or refused with its line and reason.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { formatProblem } from '../../../src/errors/index.js';
import { build } from '../../../src/pipeline/build.js';
import { jsonl, project } from '../../support/project.js';

const config = (source: string, extra = '') => `model: m
source: { path: data/rows.csv${source} }
custom_id: "q-{{id}}"
messages: [{ role: user, content: "{{text}}" }]
${extra}`;

async function run(csv: string | Buffer, source = '', extra = '') {
  const cwd = project({ 'batch.config.yaml': config(source, extra) });
  const { writeFileSync, mkdirSync } = await import('node:fs');
  mkdirSync(path.join(cwd, 'data'), { recursive: true });
  writeFileSync(path.join(cwd, 'data/rows.csv'), csv);
  const r = await build({ cwd });
  const out = path.join(cwd, 'out/batch-00001.jsonl');
  const prompts = r.ok ? jsonl(readFileSync(out, 'utf8')).map((l) => [l.custom_id, (l.body as { messages: Array<{ content: string }> }).messages[0]!.content]) : [];
  const rejects = r.ok && r.summary!.rejected > 0 ? jsonl(readFileSync(path.join(cwd, 'out/rejects.jsonl'), 'utf8')).map((l) => [l.origin, l.message]) : [];
  return { ok: r.ok, problems: r.problems.map((p) => formatProblem(p, { hints: false })), prompts, rejects, summary: r.summary };
}

describe('messy CSV, as issue 13 found it', () => {
  test('backslash escapes are refused by default, and read with escape: "\\\\"', async () => {
    const csv = 'id,text\n1,"say \\"hi\\""\n';
    expect((await run(csv)).problems).toEqual([
      'data/rows.csv:2: malformed row: column 2 is quoted, but its closing quote is followed by more text instead of the delimiter or the line end',
    ]);
    expect((await run(csv, ', escape: "\\\\"')).prompts).toEqual([['q-1', 'say "hi"']]);
  });

  test('a "# exported 2024" line before the header is skipped with comment: "#"', async () => {
    const csv = '# exported 2024\nid,text\n1,a\n2,b\n';
    expect((await run(csv)).problems[0]).toBe('data/rows.csv:2: malformed row: row has 2 fields, header has 1');
    expect((await run(csv, ', comment: "#"')).prompts).toEqual([['q-1', 'a'], ['q-2', 'b']]);
  });

  test('a file with CR-only line ends (Excel "CSV (Macintosh)") builds every row', async () => {
    const r = await run('id,text\r1,a\r2,b\r');
    expect(r.problems).toEqual([]);
    expect(r.prompts).toEqual([['q-1', 'a'], ['q-2', 'b']]);
  });

  test('a stray quote that would shift values into other columns rejects its row', async () => {
    const r = await run('id,text\n1,"Ann" Smith\n2,ok\n', '', 'on_error: skip\n');
    expect(r.prompts).toEqual([['q-2', 'ok']]);
    expect(r.rejects.map(([origin]) => origin)).toEqual(['data/rows.csv:2']);
  });

  test('an unclosed quote in row 3 of 6 rejects that row only: rows 6, written 5, rejected 1', async () => {
    const csv = 'id,text\n1,a\n2,b\n3,"c\n4,d\n5,e\n6,f\n';
    const r = await run(csv, '', 'on_error: skip\n');
    expect(r.ok).toBe(true);
    expect(r.summary).toMatchObject({ rows: 6, written: 5, rejected: 1 });
    expect(r.prompts.map(([id]) => id)).toEqual(['q-1', 'q-2', 'q-4', 'q-5', 'q-6']);
    expect(r.rejects).toEqual([
      ['data/rows.csv:4', 'malformed row: column 2 opens a quote that is never closed (reading went on at the next line)'],
    ]);
  });
});
