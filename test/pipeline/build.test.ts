import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { formatProblem } from '../../src/errors/index.js';
import { build } from '../../src/pipeline/build.js';
import { jsonl, project, readTexts } from '../support/project.js';
import { writeTree } from '../support/tree.js';

const CSV = 'id,q\n' + Array.from({ length: 10 }, (_, i) => `${i + 1},question ${i + 1}`).join('\n') + '\n';
const CONFIG = `model: m
source: { path: data/rows.csv }
custom_id: "q-{{id}}"
messages: [{ role: user, content: "{{q}}" }]
`;

const messages = (r: Awaited<ReturnType<typeof build>>) => r.problems.map((p) => formatProblem(p, { hints: false }));

describe('build', () => {
  test('same config and inputs give byte-identical shards and manifest in any folder', async () => {
    const files = { 'data/rows.csv': CSV, 'batch.config.yaml': CONFIG + 'output: { max_lines: 4 }\n' };
    const a = project(files);
    const b = project(files);
    expect((await build({ cwd: a })).ok).toBe(true);
    expect((await build({ cwd: b, config: path.join(b, 'batch.config.yaml') })).ok).toBe(true);
    const ta = readTexts(path.join(a, 'out'));
    expect(Object.keys(ta)).toEqual(['batch-00001.jsonl', 'batch-00002.jsonl', 'batch-00003.jsonl', 'manifest.json']);
    expect(readTexts(path.join(b, 'out'))).toEqual(ta);
    expect(ta['manifest.json']).not.toMatch(/\/tmp|batchforge-test|20\d\d-\d\d-\d\d/);
  });

  test('filter, offset and limit choose the rows; @index counts the rows kept', async () => {
    const cwd = project({
      'data/rows.csv': CSV,
      'batch.config.yaml': CONFIG.replace('q-{{id}}', 'r{{@index}}-{{id}}') + `  # comment\n`.replace(/.*/, '') +
        'source: { path: data/rows.csv, filter: "{{ne id \'3\'}}", offset: 1, limit: 3 }\n'.replace(/^/, ''),
    });
    // the second `source` key would be a YAML error: rebuild the config instead
    writeTree({
      'batch.config.yaml': `model: m
source: { path: data/rows.csv, filter: "{{ne id '3'}}", offset: 1, limit: 3 }
custom_id: "r{{@index}}-{{id}}"
messages: [{ role: user, content: "{{q}}" }]
`,
    }, cwd);
    const r = await build({ cwd });
    expect(messages(r)).toEqual([]);
    expect(jsonl(readFileSync(path.join(cwd, 'out/batch-00001.jsonl'), 'utf8')).map((l) => l.custom_id)).toEqual(['r0-2', 'r1-4', 'r2-5']);
    expect(r.summary?.batches[0]).toMatchObject({ scanned: 5, skipped: 2, rows: 3, written: 3, rejected: 0 });
  });

  test('several files and globs are read in order, each row keeping its own file:line', async () => {
    const cwd = project({
      'data/b.csv': 'id,q\n3,c\n',
      'data/a.csv': 'id,q\n1,a\n2,b\n',
      'data/extra.jsonl': '{"id":"4","q":"d"}\n',
      'batch.config.yaml': CONFIG.replace('path: data/rows.csv', 'path: ["data/*.csv", data/extra.jsonl]').replace('"{{q}}"', '"{{q}} from {{@file}}:{{@line}}"'),
    });
    const r = await build({ cwd });
    expect(messages(r)).toEqual([]);
    const lines = jsonl(readFileSync(path.join(cwd, 'out/batch-00001.jsonl'), 'utf8'));
    expect(lines.map((l) => (l.body as { messages: Array<{ content: string }> }).messages[0]!.content)).toEqual([
      'a from data/a.csv:2',
      'b from data/a.csv:3',
      'c from data/b.csv:2',
      'd from data/extra.jsonl:1',
    ]);
    const manifest = JSON.parse(readFileSync(path.join(cwd, 'out/manifest.json'), 'utf8'));
    expect(manifest.sources.map((s: { file: string }) => s.file)).toEqual(['data/a.csv', 'data/b.csv', 'data/extra.jsonl']);
  });

  test('a duplicate custom_id names both rows', async () => {
    const cwd = project({ 'data/rows.csv': 'id,q\n1,a\n2,b\n1,c\n', 'batch.config.yaml': CONFIG });
    const r = await build({ cwd });
    expect(r.ok).toBe(false);
    expect(messages(r)).toEqual(['data/rows.csv:4: custom_id "q-1" is already used by data/rows.csv:2']);
  });

  test('a request over max_bytes names its custom_id and row', async () => {
    const cwd = project({ 'data/rows.csv': `id,q\n1,short\n2,${'x'.repeat(300)}\n`, 'batch.config.yaml': CONFIG + 'output: { max_bytes: 200 }\n' });
    const r = await build({ cwd });
    expect(messages(r)).toEqual(['data/rows.csv:3: request "q-2" is 428 bytes, over output.max_bytes (200)']);
  });

  test('on_error: skip writes the good rows and the rejects; rows = written + rejected', async () => {
    const cwd = project({
      'data/rows.jsonl': '{"id":"1","q":"a"}\nnot json\n{"id":"2"}\n{"id":"1","q":"dup"}\n[1]\n{"id":"3","q":"c"}\n',
      'batch.config.yaml': CONFIG.replace('data/rows.csv', 'data/rows.jsonl') + 'on_error: skip\n',
    });
    const r = await build({ cwd });
    expect(messages(r)).toEqual([]);
    expect(r.summary).toMatchObject({ rows: 6, written: 2, rejected: 4 });
    const rejects = jsonl(readFileSync(path.join(cwd, 'out/rejects.jsonl'), 'utf8'));
    expect(rejects.map((x) => [x.origin, x.code])).toEqual([
      ['data/rows.jsonl:2', 'source-row-malformed'],
      ['data/rows.jsonl:3', 'template-missing-field'],
      ['data/rows.jsonl:4', 'custom-id-duplicate'],
      ['data/rows.jsonl:5', 'source-row-not-object'],
    ]);
    expect(rejects[1]).toMatchObject({ batch: 'batch', row: { id: '2' }, message: "'q' is not defined in row 3 (data/rows.jsonl:3)" });
    const manifest = JSON.parse(readFileSync(path.join(cwd, 'out/manifest.json'), 'utf8'));
    expect(manifest.rejects).toEqual({ file: 'rejects.jsonl', lines: 4 });
    expect(manifest.batches[0]).toMatchObject({ rows: 6, requests: 2, rejected: 4 });
  });

  test('a failed build leaves the last good output untouched', async () => {
    const cwd = project({ 'data/rows.csv': CSV, 'batch.config.yaml': CONFIG });
    expect((await build({ cwd })).ok).toBe(true);
    const before = readTexts(path.join(cwd, 'out'));
    writeTree({ 'data/rows.csv': CSV + '11\n' }, cwd);
    const r = await build({ cwd });
    expect(r.ok).toBe(false);
    expect(readTexts(path.join(cwd, 'out'))).toEqual(before);
    expect(readTexts(cwd)['data/rows.csv']).toBe(CSV + '11\n');
    expect(Object.keys(readTexts(cwd)).filter((f) => f.includes('batchforge-tmp'))).toEqual([]);
  });

  test('a smaller rebuild removes stale shards; --check reports what differs and writes nothing', async () => {
    const cwd = project({ 'data/rows.csv': CSV, 'batch.config.yaml': CONFIG + 'output: { max_lines: 3 }\n' });
    await build({ cwd });
    expect(Object.keys(readTexts(path.join(cwd, 'out')))).toHaveLength(5);
    writeTree({ 'data/rows.csv': 'id,q\n1,a\n' }, cwd);
    const before = readTexts(path.join(cwd, 'out'));
    const check = await build({ cwd, check: true });
    expect(check.ok).toBe(false);
    expect(check.stale).toEqual(['~batch-00001.jsonl', '~manifest.json', '-batch-00002.jsonl', '-batch-00003.jsonl', '-batch-00004.jsonl']);
    expect(readTexts(path.join(cwd, 'out'))).toEqual(before);
    await build({ cwd });
    expect(Object.keys(readTexts(path.join(cwd, 'out')))).toEqual(['batch-00001.jsonl', 'manifest.json']);
    expect((await build({ cwd, check: true })).ok).toBe(true);
  });

  test('refuses to write into a folder it did not write, or the config folder itself', async () => {
    const cwd = project({ 'data/rows.csv': CSV, 'batch.config.yaml': CONFIG + 'output: { dir: data }\n' });
    expect(messages(await build({ cwd }))).toEqual(['data holds files that batchforge did not write (rows.csv) and no batchforge manifest.json; nothing was written']);
    writeTree({ 'batch.config.yaml': CONFIG + 'output: { dir: . }\n' }, cwd);
    expect((await build({ cwd })).ok).toBe(false);
    expect(readTexts(cwd)['data/rows.csv']).toBe(CSV);
  });

  test('named batches write their own shards and share one manifest', async () => {
    const cwd = project({
      'data/rows.csv': CSV,
      'batch.config.yaml': CONFIG + 'batches:\n  - name: small\n    source: { path: data/rows.csv, limit: 2 }\n  - name: all\n    model: other\n',
    });
    const r = await build({ cwd });
    expect(messages(r)).toEqual([]);
    expect(Object.keys(readTexts(path.join(cwd, 'out')))).toEqual(['all-00001.jsonl', 'manifest.json', 'small-00001.jsonl']);
    const manifest = JSON.parse(readFileSync(path.join(cwd, 'out/manifest.json'), 'utf8'));
    expect(manifest.batches.map((b: { name: string; model: string; requests: number }) => [b.name, b.model, b.requests])).toEqual([
      ['small', 'm', 2],
      ['all', 'other', 10],
    ]);
  });
});
