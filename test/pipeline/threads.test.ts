/**
 * A threaded build (the render worker runs compiled code, so this loads dist/) must write exactly
 * what the single-thread pipeline writes: same shards, manifest and rejects, same problems.
 * `npm test` compiles dist/ first.
 */
import { cpSync, existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { formatProblem } from '../../src/errors/index.js';
import { build as buildHere } from '../../src/pipeline/build.js';
import { project, readTexts } from '../support/project.js';
import { REPO, tempDir } from '../support/tree.js';

type Build = typeof buildHere;
const { build: buildThreaded } = (await import(path.join(REPO, 'dist', 'pipeline', 'build.js'))) as { build: Build };
const { threadsAvailable } = (await import(path.join(REPO, 'dist', 'pipeline', 'render-worker.js'))) as { threadsAvailable: () => boolean };

async function both(dir: string) {
  const a = tempDir();
  const b = tempDir();
  cpSync(dir, a, { recursive: true });
  cpSync(dir, b, { recursive: true });
  const one = await buildHere({ cwd: a, threads: false });
  const two = await buildThreaded({ cwd: b, threads: true });
  const shown = (r: Awaited<ReturnType<Build>>) => r.problems.map((p) => formatProblem(p, { hints: false }));
  const out = (d: string) => (existsSync(path.join(d, 'out')) ? readTexts(path.join(d, 'out')) : {});
  return { one, two, out: [out(a), out(b)], problems: [shown(one), shown(two)] };
}

describe.runIf(threadsAvailable())('threaded builds', () => {
  test.each(readdirSync(path.join(REPO, 'examples')).filter((d) => !d.includes('.')))('examples/%s: identical output', async (name) => {
    const src = tempDir();
    cpSync(path.join(REPO, 'examples', name), src, { recursive: true, filter: (f) => !f.includes(`${path.sep}out`) });
    const { one, two, out } = await both(src);
    expect(one.ok && two.ok).toBe(true);
    expect(out[1]).toEqual(out[0]);
  });

  test('rejects, a matrix and the summary are the same', async () => {
    const rows = ['id,q', '1,a', '2,', '3,too,many', ...Array.from({ length: 3000 }, (_, i) => `${i + 10},q${i}`)].join('\n');
    const dir = project({
      'data/rows.csv': rows + '\n',
      'batch.config.yaml': `source: { path: data/rows.csv }
custom_id: "{{id}}-{{@matrix.model}}"
matrix: { model: [m1, m2] }
messages: [{ role: user, content: "{{q}}" }]
on_error: skip
output: { max_lines: 700 }
`,
    });
    const { one, two, out } = await both(dir);
    expect(two.ok).toBe(true);
    expect(out[1]).toEqual(out[0]);
    expect(two.summary?.batches).toEqual(one.summary?.batches);
    expect(two.summary).toMatchObject({ rows: 3003, written: 6002, rejected: 4 });
    expect(Object.keys(out[0]!).filter((f) => f.endsWith('.jsonl')).length).toBeGreaterThan(5);
  });

  test.each([
    ['a token budget per shard (lines counted on the writing thread)', 'model: gpt-4o-mini\noutput: { max_tokens_per_shard: 300 }\n'],
    ['vertex, whose ids go to <shard>.ids.txt', 'provider: vertex\nmodel: gemini-2.0-flash\noutput: { max_lines: 40 }\n'],
  ])('%s: identical output', async (_, extra) => {
    const rows = ['id,q', ...Array.from({ length: 400 }, (_, i) => `${i},question number ${i} with ${'more words '.repeat(i % 7)}`)].join('\n');
    const dir = project({
      'data/rows.csv': rows + '\n',
      'batch.config.yaml': `${extra}source: { path: data/rows.csv }\ncustom_id: "q-{{id}}"\nmessages: [{ role: user, content: "{{q}}" }]\n`,
    });
    const { one, two, out } = await both(dir);
    expect(one.ok && two.ok).toBe(true);
    expect(two.summary?.threaded).toBe(true);
    expect(out[1]).toEqual(out[0]);
    expect(Object.keys(out[0]!).filter((f) => f.endsWith('.jsonl')).length).toBeGreaterThan(3);
    if (extra.includes('vertex')) expect(out[0]!['batch-00002.ids.txt']?.split('\n')[0]).toBe('q-40');
  });

  test('source.limit stops reading early, across files, as on one thread', async () => {
    const csv = (from: number) => 'id,q\n' + Array.from({ length: 300 }, (_, i) => `${from + i},q${from + i}`).join('\n') + '\n';
    const dir = project({
      'data/a.csv': csv(0),
      'data/b.csv': csv(1000),
      'batch.config.yaml': 'model: m\nsource: { path: "data/*.csv", limit: 450 }\ncustom_id: "q-{{id}}"\nmessages: [{ role: user, content: "{{q}} {{@file}}:{{@line}}" }]\n',
    });
    const { one, two, out } = await both(dir);
    expect(one.ok && two.ok).toBe(true);
    expect(out[1]).toEqual(out[0]);
    expect(two.summary).toMatchObject({ rows: 450, written: 450 });
  });

  test('errors in fail mode are reported the same, duplicates with both rows', async () => {
    const dir = project({
      'data/rows.csv': 'id,q\n1,a\n2,b\n1,c\n4,\n',
      'batch.config.yaml': 'model: m\nsource: { path: data/rows.csv }\ncustom_id: "q-{{id}}"\nmessages: [{ role: user, content: "{{q}}" }]\n',
    });
    const { one, two, problems } = await both(dir);
    expect(one.ok || two.ok).toBe(false);
    expect(problems[1]).toEqual(problems[0]);
    expect(problems[1]).toContain('data/rows.csv:4: custom_id "q-1" is already used by data/rows.csv:2');
  });
});

describe.runIf(threadsAvailable())('when a render thread is used', () => {
  const big = () => {
    const row = (i: number) => `${i},${'a question that is long enough to make the file big '.repeat(3)}`;
    return project({
      'data/rows.csv': 'id,q\n' + Array.from({ length: 60_000 }, (_, i) => row(i)).join('\n') + '\n',
      'batch.config.yaml': 'model: m\nsource: { path: data/rows.csv }\ncustom_id: "q-{{id}}"\nmessages: [{ role: user, content: "{{q}}" }]\n',
    });
  };

  test('by default for sources of 8 MB or more; `build --single-thread` never', async () => {
    const { run } = (await import(path.join(REPO, 'dist', 'cli', 'run.js'))) as typeof import('../../src/cli/run.js');
    const io = (cwd: string) => {
      const out = { text: '' };
      return { out, io: { stdout: { write: (s: string) => (out.text += s) }, stderr: { write: () => true }, cwd, env: {}, color: false } };
    };
    const dir = big();
    const a = io(dir);
    expect(await run(['build', '--json'], a.io)).toBe(0);
    expect(JSON.parse(a.out.text).summary.threaded).toBe(true);
    const b = io(dir);
    expect(await run(['build', '--json', '--single-thread'], b.io)).toBe(0);
    expect(JSON.parse(b.out.text).summary.threaded).toBe(false);
  });
});
