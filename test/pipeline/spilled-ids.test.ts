/**
 * Past MEMORY_IDS a build spills custom_ids to disk and finds duplicates among them after the last
 * row, then runs the group again (unique-ids.ts). The result must be exactly what keeping every
 * id in memory gives: same shards, manifest, rejects and problems.
 */
import { cpSync, existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { formatProblem } from '../../src/errors/index.js';
import { build, type BuildOptions } from '../../src/pipeline/build.js';
import { lateDuplicateConfig, lateDuplicateRows } from '../support/late-duplicates.js';
import { project, readTexts } from '../support/project.js';
import { tempDir } from '../support/tree.js';

async function run(dir: string, opts: BuildOptions) {
  const copy = tempDir();
  cpSync(dir, copy, { recursive: true });
  let runs = 0;
  const res = await build({ cwd: copy, ...opts, onProgress: () => runs++ });
  const out = path.join(copy, 'out');
  return {
    res,
    problems: res.problems.map((p) => formatProblem(p, { hints: false })),
    out: existsSync(out) ? readTexts(out) : {},
    leftovers: readdirSync(copy).filter((f) => f.startsWith('.')),
    /** progress reports: one per run of the group's 40 rows */
    runs,
  };
}

const config = (onError: string) => lateDuplicateConfig(onError, 't', ['a', 'b']);

describe('duplicates among spilled ids', () => {
  test('on_error: skip writes and rejects exactly what an in-memory id set does', async () => {
    const dir = project({ 'data/rows.csv': lateDuplicateRows(), 'batch.config.yaml': config('skip') });
    const memory = await run(dir, {});
    const spilled = await run(dir, { memoryIds: 4 });
    expect(memory.res.ok).toBe(true);
    expect(spilled.res.ok).toBe(true);
    expect(spilled.out).toEqual(memory.out);
    expect(spilled.res.summary?.batches).toEqual(memory.res.summary?.batches);
    expect([memory.runs, spilled.runs]).toEqual([1, 2]);
    // 40 rows × 2 variants: 4 repeated rows × 2 + the empty question × 2 rejected
    expect(spilled.res.summary).toMatchObject({ rows: 40, written: 70, rejected: 10 });
    const rejects = spilled.out['rejects.jsonl']!.trim().split('\n').map((l) => JSON.parse(l) as { origin: string; code: string });
    expect(rejects.map((r) => `${r.origin} ${r.code}`)).toEqual([
      'data/rows.csv:14 content-empty',
      'data/rows.csv:14 content-empty',
      'data/rows.csv:32 custom-id-duplicate',
      'data/rows.csv:32 custom-id-duplicate',
      'data/rows.csv:35 custom-id-duplicate',
      'data/rows.csv:35 custom-id-duplicate',
      'data/rows.csv:37 custom-id-duplicate',
      'data/rows.csv:37 custom-id-duplicate',
      'data/rows.csv:40 custom-id-duplicate',
      'data/rows.csv:40 custom-id-duplicate',
    ]);
    expect(spilled.leftovers).toEqual([]);
  });

  test('on_error: fail reports every duplicate at its row with the first row, as in memory', async () => {
    const dir = project({ 'data/rows.csv': lateDuplicateRows().replace(',\n', ',filled\n'), 'batch.config.yaml': config('fail') });
    const memory = await run(dir, {});
    const spilled = await run(dir, { memoryIds: 4 });
    expect(spilled.res.ok).toBe(false);
    expect(spilled.problems).toEqual(memory.problems);
    expect([memory.runs, spilled.runs]).toEqual([1, 2]);
    expect(spilled.problems.filter((p) => p.includes('custom_id "q-20-a"'))).toEqual([
      'data/rows.csv:32: custom_id "q-20-a" is already used by data/rows.csv:21',
      'data/rows.csv:40: custom_id "q-20-a" is already used by data/rows.csv:21',
    ]);
    expect(spilled.problems).toHaveLength(8);
    expect(spilled.out).toEqual({});
    expect(spilled.leftovers).toEqual([]);
  });
});
