/**
 * The bin is the bundle rolldown.config.mjs writes (dist/batchforge.js, its worker entries and
 * chunks beside it): it must do what tsc's dist/cli/main.js does, byte for byte, on one thread and
 * on worker threads, and find its package.json and its worker files from where it sits.
 */
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { expect, test } from 'vitest';
import { project } from '../support/project.js';
import { QUESTIONS_CONFIG, questionsCsv } from '../support/questions-project.js';
import { REPO } from '../support/tree.js';

const pkg = JSON.parse(readFileSync(path.join(REPO, 'package.json'), 'utf8')) as { version: string; bin: Record<string, string> };
const BUNDLE = path.join(REPO, pkg.bin.batchforge!);
const UNBUNDLED = path.join(REPO, 'dist', 'cli', 'main.js');

function run(bin: string, cwd: string, args: string[]) {
  const r = spawnSync(bin, args, { cwd, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
  expect(r.error).toBeUndefined();
  return r;
}

/** every shard file of an output folder, by name */
function shards(dir: string): Record<string, string> {
  return Object.fromEntries(
    readdirSync(dir)
      .filter((f) => f.endsWith('.jsonl'))
      .sort()
      .map((f) => [f, readFileSync(path.join(dir, f), 'utf8')]),
  );
}

test('the bin is the bundle: executable, and it prints the package version', () => {
  expect(pkg.bin.batchforge).toBe('dist/batchforge.js');
  const r = run(BUNDLE, REPO, ['--version']);
  expect([r.status, r.stdout]).toEqual([0, `${pkg.version}\n`]);
});

test.each([['1'], ['2']])('builds what dist/cli/main.js builds, byte for byte (--threads %s), and validates it', (threads) => {
  const files = { 'batch.config.yaml': QUESTIONS_CONFIG, 'data/q.csv': questionsCsv(3000, 'question ü\u2028 number') };
  const built = [BUNDLE, UNBUNDLED].map((bin) => {
    const dir = project(files);
    const r = run(bin, dir, ['build', '--threads', threads, '--json']);
    const summary = (JSON.parse(r.stdout) as { summary: { batches: Array<{ written: number; threads?: number }> } }).summary.batches[0]!;
    return { code: r.status, written: summary.written, threads: summary.threads, shards: shards(path.join(dir, 'out')), dir };
  });
  expect(built[0]!.code).toBe(0);
  expect(built[0]!.written).toBe(3000);
  // --threads 2 ran the bundle's own worker entry (dist/group-thread.js), not a fallback to one thread
  if (threads === '2') expect(built[0]!.threads).toBe(2);
  expect({ ...built[0], dir: undefined }).toEqual({ ...built[1], dir: undefined });
  const dir = built[0]!.dir;
  const checked = run(BUNDLE, dir, ['validate', ...Object.keys(built[0]!.shards).map((f) => path.join('out', f))]);
  expect([checked.status, checked.stderr.trim().split('\n').at(-1)]).toEqual([0, '1 file, 3,000 lines: 0 errors, 0 warnings']);
});
