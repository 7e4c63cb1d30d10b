/**
 * The commit protocol under SIGKILL: a build killed at any instant leaves a manifest.json whose
 * files all exist with the hashes it lists (and nothing of the user's or the lifecycle's
 * touched), and the next build removes every leftover. Kills land at each commit step
 * (BATCHFORGE_TEST_KILL_AT, see output-dir.ts) and at seeded random moments of whole builds.
 */
import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, test } from 'vitest';
import { outputState } from '../../support/output-invariant.js';
import { prng } from '../../support/prng.js';
import { runBin, startBin } from '../../support/spawn-cli.js';
import { tempDir, writeTree } from '../../support/tree.js';
import { QUESTIONS_CONFIG, questionsCsv } from '../../support/questions-project.js';

const CONFIG = QUESTIONS_CONFIG + 'output: { max_lines: LINES }\n';
const USER = { 'out/NOTES.md': 'mine\n', 'out/submit-state.json': '{ "version": 1, "shards": [] }\n', 'out/results.jsonl': '{"custom_id":"q-1"}\n' };

const csv = questionsCsv;

/** a project with a committed build of `before`, the user's files in out/, and `after` as the data to build next */
function committed(lines: number, before: string, after: string): string {
  const dir = writeTree({ 'batch.config.yaml': CONFIG.replace('LINES', String(lines)), 'data/q.csv': before });
  expect(runBin(dir, ['build']).code).toBe(0);
  writeTree(USER, dir);
  writeFileSync(path.join(dir, 'data/q.csv'), after);
  return dir;
}

/** the invariant after a kill, then a clean rebuild that leaves exactly a fresh build's output */
function expectRecovers(dir: string, expected: string): void {
  const out = path.join(dir, 'out');
  const after = outputState(out, ['NOTES.md']);
  expect({ broken: after.broken, unexplained: after.unexplained }).toEqual({ broken: [], unexplained: [] });
  expect(runBin(dir, ['build']).code).toBe(0);
  const clean = outputState(out, ['NOTES.md']);
  expect({ broken: clean.broken, unexplained: clean.unexplained, leftovers: clean.leftovers }).toEqual({ broken: [], unexplained: [], leftovers: [] });
  expect(readFileSync(path.join(out, 'manifest.json'), 'utf8')).toBe(expected);
  for (const [f, text] of Object.entries(USER)) expect(readFileSync(path.join(dir, f), 'utf8')).toBe(text);
}

/** manifest.json of a clean build of `data` in a fresh folder */
function freshManifest(lines: number, data: string): string {
  const dir = writeTree({ 'batch.config.yaml': CONFIG.replace('LINES', String(lines)), 'data/q.csv': data });
  expect(runBin(dir, ['build']).code).toBe(0);
  return readFileSync(path.join(dir, 'out/manifest.json'), 'utf8');
}

describe('SIGKILL at each commit step', () => {
  // 6 rows in 3 shards become 8 rows: shards 1–3 change, shard 4 is new
  const before = csv(6, 'old');
  const after = csv(8, 'new');
  const expected = freshManifest(2, after);
  test.each(['stage', 'intent', 'clean', 'place:0', 'place:2', 'place:3', 'commit', 'done'])('killed at %s', async (step) => {
    const dir = committed(2, before, after);
    const r = runBin(dir, ['build'], { BATCHFORGE_TEST_KILL_AT: step });
    expect(r.code).toBe(null);
    const m = outputState(path.join(dir, 'out'), ['NOTES.md']).manifest!;
    // while shards are replaced, the manifest lists only intact ones and says so: submit refuses it
    if (step.startsWith('place') || step === 'clean') {
      expect(m.partial).toBe(true);
      const s = runBin(dir, ['submit'], { OPENAI_API_KEY: 'sk-test' });
      expect([s.code, s.stderr.split('\n')[0]]).toEqual([1, 'out/manifest.json is from a build that was interrupted while replacing files']);
    }
    expectRecovers(dir, expected);
  });

  test.each(['clean', 'commit', 'done'])('a shrinking build killed at %s: the next build removes the old shards it no longer lists', (step) => {
    const dir = committed(2, csv(8, 'old'), csv(3, 'old'));
    expect(runBin(dir, ['build'], { BATCHFORGE_TEST_KILL_AT: step }).code).toBe(null);
    expectRecovers(dir, freshManifest(2, csv(3, 'old')));
  });

  test('the first build into a new folder, killed while placing shards, leaves a manifest that owns them', () => {
    const dir = writeTree({ 'batch.config.yaml': CONFIG.replace('LINES', '2'), 'data/q.csv': csv(6, 'x') });
    expect(runBin(dir, ['build'], { BATCHFORGE_TEST_KILL_AT: 'place:1' }).code).toBe(null);
    const state = outputState(path.join(dir, 'out'), []);
    expect([state.manifest?.partial, state.manifest?.pending, state.broken, state.unexplained]).toEqual([true, ['batch-00001.jsonl', 'batch-00002.jsonl', 'batch-00003.jsonl'], [], []]);
    expect(runBin(dir, ['build']).code).toBe(0);
    expect(outputState(path.join(dir, 'out'), [])).toMatchObject({ broken: [], unexplained: [], leftovers: [] });
  });
});

describe('SIGKILL at random moments', () => {
  test('15 kills over builds of 20,000 rows keep the invariant, and the next build cleans up', async () => {
    const rows = 20_000;
    const data = [csv(rows, 'alpha'), csv(rows - 3_000, 'beta'), csv(rows + 2_000, 'alpha')];
    const template = committed(1_500, data[0]!, data[0]!);
    const random = prng(11);
    for (let i = 0; i < 15; i++) {
      const dir = tempDir();
      cpSync(template, dir, { recursive: true });
      writeFileSync(path.join(dir, 'data/q.csv'), data[i % 3]!);
      const { child, done } = startBin(dir, ['build']);
      await sleep(150 + Math.floor(random() * 1_200));
      child.kill('SIGKILL');
      await done;
      const state = outputState(path.join(dir, 'out'), ['NOTES.md']);
      expect({ i, broken: state.broken, unexplained: state.unexplained }).toEqual({ i, broken: [], unexplained: [] });
      if (i % 5 === 4) {
        expect(runBin(dir, ['build']).code).toBe(0);
        expect(outputState(path.join(dir, 'out'), ['NOTES.md'])).toMatchObject({ broken: [], unexplained: [], leftovers: [] });
      }
    }
  }, 120_000);
});
