/**
 * build, stats and preview see the same requests because they read the same outcome stream
 * (src/pipeline/outcomes.ts). This builds, runs stats and previews every example and a matrix
 * whose ids collide, and compares what each saw: shard layout, counts, request lines, problems
 * and exit codes.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { formatProblem, type Problem } from '../../src/errors/index.js';
import { build } from '../../src/pipeline/build.js';
import { stats } from '../../src/stats/stats.js';
import { preview } from '../../src/tools/preview.js';
import { cli } from '../support/io.js';
import { project } from '../support/project.js';
import { copyTree, REPO } from '../support/tree.js';

const shown = (ps: Problem[]) => ps.filter((p) => p.severity === 'error').map((p) => formatProblem(p, { hints: false }));

const examplesDir = path.join(REPO, 'examples');
const examples = readdirSync(examplesDir).filter((x) => existsSync(path.join(examplesDir, x, 'batch.config.yaml'))).sort();

describe('build, stats and preview agree', () => {
  test.each(examples)('examples/%s: same shards, counts and first requests', async (name) => {
    const dir = copyTree(path.join(examplesDir, name), ['out']);
    const built = await build({ cwd: dir });
    expect(built.ok).toBe(true);
    const st = await stats({ cwd: dir });
    expect(st.ok).toBe(true);
    const manifest = built.manifest!;
    // stats places every request with the build's sharding rule: the same files, lines and bytes
    expect(st.batches.map((b) => ({ name: b.name, shards: b.shards.map((s) => [s.file, s.lines, s.bytes]) }))).toEqual(
      manifest.batches.map((b) => ({ name: b.name, shards: b.shards.map((s) => [s.file, s.lines, s.bytes]) })),
    );
    expect(st.batches.map((b) => [b.rows, b.requests, b.rejected])).toEqual(manifest.batches.map((b) => [b.rows, b.requests, b.rejected]));
    // preview's first requests are the first lines of the build's first shard, per batch
    const pv = await preview({ cwd: dir, count: 2 });
    expect(pv.ok).toBe(true);
    for (const b of manifest.batches) {
      const lines = readFileSync(path.join(built.outDir!, b.shards[0]!.file), 'utf8').split('\n').filter(Boolean).slice(0, 2);
      const items = pv.items.filter((i) => i.batch === b.name && i.request !== undefined);
      expect(items.map((i) => i.request)).toEqual(lines.map((l) => JSON.parse(l) as unknown));
    }
  });

  const collide = (onError: string) =>
    project({
      'data/rows.csv': 'id,q\n1,a\n2,b\n3,c\n',
      'batch.config.yaml': `model: gpt-4o-mini
source: { path: data/rows.csv }
custom_id: "r-{{id}}"
matrix: { params: [{ temperature: 0 }, { temperature: 1 }] }
messages: [{ role: user, content: "{{q}}" }]
on_error: ${onError}
`,
    });

  test('a matrix whose ids collide: build fails, and stats and preview report the same duplicates and exit codes', async () => {
    const dir = collide('fail');
    const built = await build({ cwd: dir });
    const expected = [
      'data/rows.csv:2: custom_id "r-1" is used twice by this row (the matrix variants render the same id)',
      'data/rows.csv:3: custom_id "r-2" is used twice by this row (the matrix variants render the same id)',
      'data/rows.csv:4: custom_id "r-3" is used twice by this row (the matrix variants render the same id)',
    ];
    expect(built.ok).toBe(false);
    expect(shown(built.problems)).toEqual(expected);
    expect(built.summary).toMatchObject({ rows: 3, requests: 6, written: 3, rejected: 3, notReached: 0, stopped: false });

    const st = await stats({ cwd: dir });
    expect(st.ok).toBe(false);
    expect(shown(st.problems)).toEqual(expected);
    expect(st.batches.map((b) => [b.name, b.rows, b.requests, b.rejected])).toEqual([['batch', 3, 3, 3]]);

    const pv = await preview({ cwd: dir, count: 2 });
    expect(pv.ok).toBe(false);
    expect(pv.items.map((i) => [i.origin, i.customId, i.problem && formatProblem(i.problem, { hints: false })])).toEqual([
      ['data/rows.csv:2', 'r-1', undefined],
      ['data/rows.csv:3', 'r-2', undefined],
      ['data/rows.csv:2', 'r-1', expected[0]],
      ['data/rows.csv:3', 'r-2', expected[1]],
    ]);

    expect((await cli(dir, 'build')).code).toBe(1);
    expect((await cli(dir, 'stats')).code).toBe(1);
    expect((await cli(dir, 'preview')).code).toBe(1);
  });

  test('with on_error: skip, stats plans the shard layout the build writes and counts its rejects', async () => {
    const dir = collide('skip');
    const built = await build({ cwd: dir });
    expect(built.ok).toBe(true);
    const st = await stats({ cwd: dir });
    expect(st.ok).toBe(true);
    expect(st.batches.map((b) => ({ name: b.name, rejected: b.rejected, shards: b.shards.map((s) => [s.file, s.lines, s.bytes]) }))).toEqual(
      built.manifest!.batches.map((b) => ({ name: b.name, rejected: b.rejected, shards: b.shards.map((s) => [s.file, s.lines, s.bytes]) })),
    );
    expect(built.manifest!.batches.map((b) => [b.rows, b.requests, b.rejected])).toEqual([[3, 3, 3]]);
    // the build would exit 0: so does preview
    expect((await cli(dir, 'preview')).code).toBe(0);
  });
});

describe('a build that stops at its error budget', () => {
  test('counts requests, not rows, and says what it did not reach', async () => {
    // every second row is empty: 21 distinct errors come at row 42 (lane 1), before lane 2 of it
    const rows = Array.from({ length: 10_000 }, (_, i) => `${i},${i % 2 ? '' : 'q'}`);
    const dir = project({
      'data/rows.csv': 'id,q\n' + rows.join('\n') + '\n',
      'batch.config.yaml': `model: gpt-4o-mini
source: { path: data/rows.csv }
custom_id: "r-{{id}}-{{@matrix.params.temperature}}"
matrix: { params: [{ temperature: 0 }, { temperature: 1 }] }
messages: [{ role: user, content: "{{q}}" }]
`,
    });
    const built = await build({ cwd: dir });
    expect(built.summary).toMatchObject({ rows: 22, requests: 44, written: 22, rejected: 21, notReached: 1, stopped: true });
    const r = await cli(dir, 'build');
    expect(r.code).toBe(1);
    expect(r.lines.filter((l) => l.startsWith('build failed'))).toEqual([
      'build failed: 21 of 44 request(s) from the first 22 row(s) rejected, 1 not reached; it stopped there and did not read the rest of the source; out/ is unchanged',
    ]);
  });
});

describe('the one path escapes and bounds every request', () => {
  const config = (maxBytes: number) => `model: gpt-4o-mini
source: { path: data/rows.csv }
custom_id: "r-{{id}}"
messages: [{ role: user, content: "{{q}}" }]
output: { max_bytes: ${maxBytes} }
`;

  test('U+2028 and U+2029 are written as \\u escapes, so line readers that split on them see one line', async () => {
    const dir = project({ 'data/rows.csv': 'id,q\n1,a\u2028b\u2029c\n', 'batch.config.yaml': config(1000) });
    const built = await build({ cwd: dir });
    expect(built.ok).toBe(true);
    const text = readFileSync(path.join(built.outDir!, 'batch-00001.jsonl'), 'utf8');
    expect(text).toBe(
      '{"custom_id":"r-1","method":"POST","url":"/v1/chat/completions","body":{"model":"gpt-4o-mini","messages":[{"role":"user","content":"a\\u2028b\\u2029c"}]}}\n',
    );
    const pv = await preview({ cwd: dir });
    expect(pv.items.map((i) => i.request)).toEqual([JSON.parse(text) as unknown]);
  });

  test('a request of exactly max_bytes (newline included) is written; one byte more is rejected, by build and stats alike', async () => {
    // the line for q = "a": 138 bytes + newline
    const line = '{"custom_id":"r-1","method":"POST","url":"/v1/chat/completions","body":{"model":"gpt-4o-mini","messages":[{"role":"user","content":"a"}]}}';
    expect(Buffer.byteLength(line)).toBe(138);
    const fits = project({ 'data/rows.csv': 'id,q\n1,a\n', 'batch.config.yaml': config(Buffer.byteLength(line) + 1) });
    const built = await build({ cwd: fits });
    expect(built.ok).toBe(true);
    expect(readFileSync(path.join(built.outDir!, 'batch-00001.jsonl'), 'utf8')).toBe(line + '\n');
    expect((await stats({ cwd: fits })).batches.map((b) => [b.requests, b.rejected, b.bytes])).toEqual([[1, 0, 139]]);

    const over = project({ 'data/rows.csv': 'id,q\n1,a\n', 'batch.config.yaml': config(Buffer.byteLength(line)) });
    const message = 'data/rows.csv:2: request "r-1" is 139 bytes, over output.max_bytes (138)';
    expect(shown((await build({ cwd: over })).problems)).toEqual([message]);
    expect(shown((await stats({ cwd: over })).problems)).toEqual([message]);
    expect((await preview({ cwd: over })).items.map((i) => i.problem && formatProblem(i.problem, { hints: false }))).toEqual([message]);
  });
});
