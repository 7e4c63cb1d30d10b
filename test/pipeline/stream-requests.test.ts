/**
 * streamRequests re-streams what a build wrote, in shard order, for collect. With ids past the
 * memory limit it must make the build's decisions all the same: same requests, same order.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { build } from '../../src/pipeline/build.js';
import { streamRequests, type StreamedRequest } from '../../src/pipeline/stream-requests.js';
import { lateDuplicateConfig, lateDuplicateRows } from '../support/late-duplicates.js';
import { project } from '../support/project.js';

async function all(it: AsyncIterable<StreamedRequest>): Promise<string[]> {
  const out: string[] = [];
  for await (const r of it) out.push(`${r.batch} ${r.customId} ${r.origin.file}:${r.origin.line}`);
  return out;
}

describe('streamRequests', () => {
  test('the requests of the shards, in their order, whether or not ids were spilled', async () => {
    const cwd = project({ 'data/rows.csv': lateDuplicateRows(), 'batch.config.yaml': lateDuplicateConfig('skip', 'model', ['m1', 'm2']) });
    expect((await build({ cwd })).ok).toBe(true);
    const out = path.join(cwd, 'out');
    const written = readdirSync(out)
      .filter((f) => f.endsWith('.jsonl') && f !== 'rejects.jsonl')
      .sort()
      .flatMap((f) => readFileSync(path.join(out, f), 'utf8').trim().split('\n'))
      .map((l) => (JSON.parse(l) as { custom_id: string }).custom_id);

    const inMemory = await all(streamRequests({ cwd }));
    const tmpBefore = readdirSync(tmpdir()).filter((f) => f.startsWith('batchforge-ids-')).length;
    const spilled = await all(streamRequests({ cwd, memoryIds: 4 }));
    expect(spilled).toEqual(inMemory);
    expect(spilled.map((r) => r.split(' ')[1])).toEqual(written);
    expect(spilled).toHaveLength(70);
    expect(spilled.slice(34, 36)).toEqual(['batch.m1 q-40-m1 data/rows.csv:41', 'batch.m2 q-1-m2 data/rows.csv:2']);
    expect(spilled).toContain('batch.m1 q-20-m1 data/rows.csv:21');
    expect(spilled).not.toContain('batch.m1 q-20-m1 data/rows.csv:32');
    expect(readdirSync(tmpdir()).filter((f) => f.startsWith('batchforge-ids-')).length).toBe(tmpBefore);
  });
});
