/**
 * Ctrl-C and SIGTERM during a build: the build's staging folder and lock are removed before the
 * process exits 130/143, the last good output and the state beside it are untouched, and nothing
 * is left beside out/ (older versions left `.batchforge-tmp-out-<pid>/` folders there).
 */
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, test } from 'vitest';
import { runBin, startBin } from '../support/spawn-cli.js';
import { readTree, writeTree } from '../support/tree.js';
import { QUESTIONS_CONFIG, questionsCsv } from '../support/questions-project.js';

const CONFIG = QUESTIONS_CONFIG.replace('"{{q}}"', '"{{q}} — please answer at length, with care and with examples"');
const csv = (rows: number) => questionsCsv(rows);

/** resolves once the running build has staged some bytes, so the signal lands mid-build */
async function staging(out: string, pid: number): Promise<void> {
  const dir = path.join(out, `.batchforge-build-${pid}`);
  for (let i = 0; i < 600; i++) {
    if (existsSync(dir) && readdirSync(dir).some((f) => f.endsWith('.jsonl'))) return;
    await sleep(10);
  }
  throw new Error('the build never staged a shard');
}

const texts = (dir: string) => Object.fromEntries([...readTree(dir)].map(([k, v]) => [k, v.toString('utf8')]));

describe('interrupting a build', () => {
  test.each([
    ['SIGINT', 130],
    ['SIGTERM', 143],
  ] as const)('%s removes the temporary files and exits %i; out/ and its state are unchanged', async (signal, code) => {
    const dir = writeTree({ 'batch.config.yaml': CONFIG, 'data/q.csv': csv(3) });
    expect(runBin(dir, ['build']).code).toBe(0);
    writeTree({ 'out/submit-state.json': '{ "version": 1, "shards": [] }\n' }, dir);
    const before = texts(path.join(dir, 'out'));
    writeFileSync(path.join(dir, 'data/q.csv'), csv(400_000));
    const { child, done } = startBin(dir, ['build']);
    await staging(path.join(dir, 'out'), child.pid!);
    child.kill(signal);
    const r = await done;
    expect([r.code, r.stderr.split('\n').filter(Boolean).at(-1)]).toEqual([code, `interrupted by ${signal}: temporary files were removed; what was committed before is unchanged`]);
    expect(texts(path.join(dir, 'out'))).toEqual(before);
    expect(readdirSync(path.join(dir, 'out')).filter((f) => f.startsWith('.'))).toEqual([]);
    expect(readdirSync(dir).sort()).toEqual(['batch.config.yaml', 'data', 'out']);
  }, 60_000);

  test('kill -9 leaves its staging folder and lock; the next build removes them', async () => {
    const dir = writeTree({ 'batch.config.yaml': CONFIG, 'data/q.csv': csv(400_000) });
    const { child, done } = startBin(dir, ['build']);
    await staging(path.join(dir, 'out'), child.pid!);
    child.kill('SIGKILL');
    await done;
    expect(readdirSync(path.join(dir, 'out')).sort()).toEqual(['.batchforge-build-' + child.pid, '.batchforge-lock']);
    writeFileSync(path.join(dir, 'data/q.csv'), csv(3));
    expect(runBin(dir, ['build']).code).toBe(0);
    expect(readdirSync(path.join(dir, 'out')).sort()).toEqual(['batch-00001.jsonl', 'manifest.json']);
    expect(readFileSync(path.join(dir, 'out/batch-00001.jsonl'), 'utf8').split('\n')).toHaveLength(4);
  }, 60_000);

  test('a second build while one runs is refused, naming the first one\'s pid; the first one finishes', async () => {
    const dir = writeTree({ 'batch.config.yaml': CONFIG, 'data/q.csv': csv(200_000) });
    const { child, done } = startBin(dir, ['build']);
    await staging(path.join(dir, 'out'), child.pid!);
    // stopped while it holds the lock, so the second build cannot miss it however fast the first is
    child.kill('SIGSTOP');
    const second = runBin(dir, ['build']);
    child.kill('SIGCONT');
    expect([second.code, second.stderr.split('\n')[0]]).toEqual([2, expect.stringMatching(new RegExp(`^out is in use by \`batchforge build\` \\(pid ${child.pid} on .+, since .+\\); nothing was done$`))]);
    expect((await done).code).toBe(0);
    // 200,000 requests in shards of the openai maximum of 50,000 lines, and nothing left behind
    expect(readdirSync(path.join(dir, 'out')).sort()).toEqual(['batch-00001.jsonl', 'batch-00002.jsonl', 'batch-00003.jsonl', 'batch-00004.jsonl', 'manifest.json']);
  }, 60_000);
});
