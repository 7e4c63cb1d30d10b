/**
 * The output folder as users meet it, through the real CLI process: each case is one that lost
 * or damaged users' files before the commit protocol (issue 11, "What goes wrong today").
 */
import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { outputState } from '../support/output-invariant.js';
import { runBin } from '../support/spawn-cli.js';
import { readTree, tempDir, writeTree } from '../support/tree.js';
import { QUESTIONS_CONFIG } from '../support/questions-project.js';

const CONFIG = QUESTIONS_CONFIG;
const CSV = 'id,q\n1,one\n2,two\n3,three\n';
const root = process.getuid?.() === 0;

function projectWith(files: Record<string, string> = {}): string {
  return writeTree({ 'batch.config.yaml': CONFIG, 'data/q.csv': CSV, ...files });
}

/** every file below dir with its bytes, as text */
function texts(dir: string): Record<string, string> {
  return Object.fromEntries([...readTree(dir)].map(([k, v]) => [k, v.toString('utf8')]));
}

describe('batchforge owns only what its manifest lists', () => {
  test('a folder holding another tool\'s manifest.json is refused, and nothing in it changes', () => {
    const dir = projectWith({
      'batch.config.yaml': CONFIG + 'output: { dir: webapp }\n',
      'webapp/manifest.json': '{ "name": "My app", "start_url": "/" }\n',
      'webapp/index.html': '<h1>hi</h1>\n',
      'webapp/img/logo.svg': '<svg/>\n',
    });
    const before = texts(path.join(dir, 'webapp'));
    expect(runBin(dir, ['build'])).toEqual({
      code: 2,
      stdout: '',
      stderr:
        'webapp/manifest.json was not written by batchforge (it lacks "tool": "batchforge" and a format version); nothing was written\n' +
        '  hint: point output.dir (or --dir) at a folder of its own, such as out/\n',
    });
    expect(texts(path.join(dir, 'webapp'))).toEqual(before);
  });

  test('a folder with content and no manifest is refused; placeholders such as .gitkeep do not count', () => {
    const dir = projectWith({ 'out/notes.md': 'mine\n', 'out/.gitkeep': '' });
    const r = runBin(dir, ['build']);
    expect([r.code, r.stderr]).toEqual([
      2,
      'out holds files that batchforge did not write (notes.md) and no batchforge manifest.json; nothing was written\n' +
        '  hint: point output.dir at a new or empty folder: batchforge writes only into folders whose manifest.json it wrote, and never touches other files\n',
    ]);
    const empty = projectWith({ 'out/.gitkeep': '' });
    expect(runBin(empty, ['build']).code).toBe(0);
    expect(readdirSync(path.join(empty, 'out')).sort()).toEqual(['.gitkeep', 'batch-00001.jsonl', 'manifest.json']);
  });

  test('user files in out/ survive rebuilds, and build --check does not call them stale', () => {
    const dir = projectWith({ 'batch.config.yaml': CONFIG + 'output: { max_lines: 2 }\n' });
    expect(runBin(dir, ['build']).code).toBe(0);
    writeTree({ 'out/.gitkeep': '', 'out/NOTES.md': 'my notes\n', 'out/hand/made.csv': 'a,b\n1,2\n' }, dir);
    writeFileSync(path.join(dir, 'data/q.csv'), 'id,q\n1,uno\n');
    expect(runBin(dir, ['build']).code).toBe(0);
    expect(readdirSync(path.join(dir, 'out')).sort()).toEqual(['.gitkeep', 'NOTES.md', 'batch-00001.jsonl', 'hand', 'manifest.json']);
    expect(readFileSync(path.join(dir, 'out/hand/made.csv'), 'utf8')).toBe('a,b\n1,2\n');
    const check = runBin(dir, ['build', '--check']);
    expect([check.code, check.stderr.split('\n').at(-2)]).toEqual([0, expect.stringMatching(/^out\/ is up to date in \d+\.\d\d s$/)]);
  });

  test('a file of the user\'s with a shard\'s name is never overwritten: the build stops and says which', () => {
    const dir = projectWith({ 'batch.config.yaml': CONFIG + 'output: { max_lines: 2 }\n', 'data/q.csv': 'id,q\n1,one\n' });
    expect(runBin(dir, ['build']).code).toBe(0);
    writeFileSync(path.join(dir, 'out/batch-00002.jsonl'), 'mine\n');
    writeFileSync(path.join(dir, 'data/q.csv'), CSV);
    const before = texts(path.join(dir, 'out'));
    expect(runBin(dir, ['build'])).toEqual({
      code: 2,
      stdout: '',
      stderr:
        'out/batch-00002.jsonl exists and was not written by batchforge, but the build would write a file of that name; nothing was written\n' +
        '  hint: move or rename that file: batchforge never overwrites a file its manifest.json does not list\n',
    });
    expect(texts(path.join(dir, 'out'))).toEqual(before);
  });
});

describe('the record of submitted batches', () => {
  const STATE = {
    'out/submit-state.json': '{ "version": 1, "shards": [] }\n',
    'out/results.jsonl': '{"custom_id":"q-1"}\n',
    'out/results.csv': 'custom_id\nq-1\n',
    'out/retry/manifest.json': '{}\n',
  };

  test('survives rebuilds that change, add and remove shards, failed builds and checks', () => {
    const dir = projectWith({ 'batch.config.yaml': CONFIG + 'output: { max_lines: 1 }\n' });
    expect(runBin(dir, ['build']).code).toBe(0);
    writeTree(STATE, dir);
    const kept = () => Object.fromEntries(Object.keys(STATE).map((f) => [f, readFileSync(path.join(dir, f), 'utf8')]));
    writeFileSync(path.join(dir, 'data/q.csv'), 'id,q\n1,uno\n');
    expect(runBin(dir, ['build']).code).toBe(0);
    writeFileSync(path.join(dir, 'data/q.csv'), CSV + '4,four\n');
    expect(runBin(dir, ['build', '--check']).code).toBe(1);
    expect(runBin(dir, ['build']).code).toBe(0);
    writeFileSync(path.join(dir, 'data/q.csv'), 'id,q\n');
    expect(runBin(dir, ['build']).code).toBe(1);
    expect(kept()).toEqual(STATE);
    expect(outputState(path.join(dir, 'out'), [])).toMatchObject({ broken: [], unexplained: [], leftovers: [] });
  });

  test('state an old version left in its temp folder beside out/ is moved back before the leftover goes', () => {
    const dir = projectWith();
    expect(runBin(dir, ['build']).code).toBe(0);
    // pid 2^22 + 1 is above Linux's pid_max: no such process
    writeTree({ 'submit-state.json': '{ "version": 1, "shards": [{"batch_id":"b1"}] }\n', 'batch-00001.jsonl': 'x\n' }, path.join(dir, '.batchforge-tmp-out-4194305'));
    expect(runBin(dir, ['build']).code).toBe(0);
    expect(readFileSync(path.join(dir, 'out/submit-state.json'), 'utf8')).toBe('{ "version": 1, "shards": [{"batch_id":"b1"}] }\n');
    expect(existsSync(path.join(dir, '.batchforge-tmp-out-4194305'))).toBe(false);
  });
});

describe('folders that are not plain folders', () => {
  test('out/ as a symlink stays a symlink; the build goes into its target', () => {
    const dir = projectWith();
    const target = tempDir();
    symlinkSync(target, path.join(dir, 'out'));
    expect(runBin(dir, ['build']).code).toBe(0);
    expect(readdirSync(target).sort()).toEqual(['batch-00001.jsonl', 'manifest.json']);
    writeFileSync(path.join(dir, 'data/q.csv'), 'id,q\n1,uno\n');
    expect(runBin(dir, ['build']).code).toBe(0);
    expect(readFileSync(path.join(target, 'batch-00001.jsonl'), 'utf8')).toContain('"uno"');
    expect(readdirSync(dir).sort()).toEqual(['batch.config.yaml', 'data', 'out']);
  });

  test('out/ as a mount point (a Docker volume) builds and rebuilds: it is never renamed', (ctx) => {
    const dir = projectWith();
    const out = path.join(dir, 'out');
    mkdirSync(out);
    // only root can mount (CI containers often may); elsewhere this case cannot be set up
    if (!root || spawnSync('mount', ['-t', 'tmpfs', 'tmpfs', out]).status !== 0) return ctx.skip();
    try {
      expect(runBin(dir, ['build']).code).toBe(0);
      writeFileSync(path.join(dir, 'data/q.csv'), 'id,q\n1,uno\n');
      expect(runBin(dir, ['build']).stderr.split('\n').at(-2)).toMatch(/^built out\/ in /);
      expect(readdirSync(out).sort()).toEqual(['batch-00001.jsonl', 'manifest.json']);
      expect(outputState(out, [])).toMatchObject({ broken: [], unexplained: [], leftovers: [] });
    } finally {
      spawnSync('umount', [out]);
    }
  });

  test('a read-only out/ (a volume mounted ro): build fails with exit 2, build --check still compares', (ctx) => {
    const dir = projectWith();
    const out = path.join(dir, 'out');
    mkdirSync(out);
    if (!root || spawnSync('mount', ['-t', 'tmpfs', 'tmpfs', out]).status !== 0) return ctx.skip();
    try {
      expect(runBin(dir, ['build']).code).toBe(0);
      expect(spawnSync('mount', ['-o', 'remount,ro', out]).status).toBe(0);
      const before = texts(out);
      const check = runBin(dir, ['build', '--check']);
      expect([check.code, check.stderr.split('\n').at(-2)]).toEqual([0, expect.stringMatching(/^out\/ is up to date in /)]);
      writeFileSync(path.join(dir, 'data/q.csv'), 'id,q\n1,uno\n');
      expect(runBin(dir, ['build'])).toEqual({
        code: 2,
        stdout: '',
        stderr:
          'out/.batchforge-lock is on a read-only file system (EROFS); the last good output is unchanged\n' +
          '  hint: mount it read-write (a Docker volume without :ro), or point output.dir at a writable folder\n',
      });
      expect(texts(out)).toEqual(before);
    } finally {
      spawnSync('umount', [out]);
    }
  });

  test('output.dir naming a file is the user\'s mistake: exit 2, named', () => {
    const dir = projectWith({ 'batch.config.yaml': CONFIG + 'output: { dir: results.txt }\n', 'results.txt': 'keep me\n' });
    expect(runBin(dir, ['build'])).toEqual({
      code: 2,
      stdout: '',
      stderr: 'output.dir results.txt is a file, not a folder\n  hint: point output.dir at a folder (it is created when missing), or move the file away\n',
    });
    expect(readFileSync(path.join(dir, 'results.txt'), 'utf8')).toBe('keep me\n');
  });

  test.skipIf(root)('a read-only out/ fails with exit 2, and the last good output really is unchanged', () => {
    const dir = projectWith();
    expect(runBin(dir, ['build']).code).toBe(0);
    const before = texts(path.join(dir, 'out'));
    writeFileSync(path.join(dir, 'data/q.csv'), 'id,q\n1,uno\n');
    chmodSync(path.join(dir, 'out'), 0o555);
    try {
      expect(runBin(dir, ['build'])).toEqual({
        code: 2,
        stdout: '',
        stderr: 'permission denied: out/.batchforge-lock (EACCES); the last good output is unchanged\n  hint: give your user access to it (`ls -ld`, chmod, chown), or use a folder you own\n',
      });
    } finally {
      chmodSync(path.join(dir, 'out'), 0o755);
    }
    expect(texts(path.join(dir, 'out'))).toEqual(before);
    expect(readdirSync(dir).sort()).toEqual(['batch.config.yaml', 'data', 'out']);
  });
});

describe('a build with nothing to write fails and keeps the last good output', () => {
  const cases: Array<[string, Record<string, string>, string | RegExp]> = [
    ['an empty CSV', { 'data/q.csv': '' }, 'nothing to write: source data/q.csv has no rows; out/ is unchanged'],
    ['a header-only CSV', { 'data/q.csv': 'id,q\n' }, 'nothing to write: source data/q.csv has no rows; out/ is unchanged'],
    [
      'a filter that keeps nothing',
      { 'batch.config.yaml': CONFIG.replace('  path: data/q.csv\n', '  path: data/q.csv\n  filter: "{{#if (eq id \'9\')}}true{{/if}}"\n') },
      'nothing to write: source.filter and source.offset left none of the 3 row(s); out/ is unchanged',
    ],
    [
      'every row rejected under on_error: skip',
      { 'batch.config.yaml': CONFIG.replace('{{q}}', '{{question}}') + 'on_error: skip\n' },
      // the rejection's own words belong to the template stage; this test owns the frame around them
      /^nothing to write: every one of the 3 request\(s\) was rejected \(on_error: skip\), the first: data\/q\.csv:2: .*question.*; out\/ is unchanged$/,
    ],
  ];
  test.each(cases)('%s', (_, change, message) => {
    const dir = projectWith();
    expect(runBin(dir, ['build']).code).toBe(0);
    const before = texts(path.join(dir, 'out'));
    writeTree(change, dir);
    const r = runBin(dir, ['build']);
    expect([r.code, r.stderr.split('\n')[0], r.stderr.split('\n').length]).toEqual([1, typeof message === 'string' ? message : expect.stringMatching(message), 3]);
    expect(texts(path.join(dir, 'out'))).toEqual(before);
  });

  test('a filter reads true/false in any case; anything else is an error naming the value and the row', () => {
    const filtered = (value: string) => projectWith({ 'batch.config.yaml': CONFIG.replace('  path: data/q.csv\n', `  path: data/q.csv\n  filter: "${value}"\n`) });
    const upper = filtered(' TRUE ');
    expect(runBin(upper, ['build']).code).toBe(0);
    expect(readFileSync(path.join(upper, 'out/batch-00001.jsonl'), 'utf8').split('\n').length).toBe(4);
    const r = runBin(filtered('yes'), ['build']);
    expect([r.code, r.stderr.split('\n').slice(0, 2)]).toEqual([
      1,
      ['data/q.csv:2: source.filter rendered "yes" for this row; it must render true, false or nothing', '  hint: make the filter print true for rows to keep and false (or nothing) for the others; case and blanks around are ignored'],
    ]);
  });
});

describe('sources never read batchforge\'s own files', () => {
  test('a glob over the whole project skips out/, with a note, so builds do not grow', () => {
    const dir = writeTree({
      'batch.config.yaml': CONFIG.replace('path: data/q.csv', 'path: "**/*.jsonl"'),
      'data/q.jsonl': '{"id":1,"q":"one"}\n{"id":2,"q":"two"}\n',
    });
    expect(runBin(dir, ['build']).code).toBe(0);
    for (let i = 0; i < 2; i++) {
      const r = runBin(dir, ['build']);
      expect([r.code, r.stderr.split('\n').slice(0, 2)]).toEqual([
        0,
        [
          'warning: source "**/*.jsonl" matches 1 file(s) inside the output folder out/; skipped: out/batch-00001.jsonl',
          '  hint: batchforge never reads its own output and state; narrow the pattern to silence this note',
        ],
      ]);
      expect(readFileSync(path.join(dir, 'out/batch-00001.jsonl'), 'utf8').trim().split('\n')).toHaveLength(2);
    }
  });
});

describe('one process per output folder', () => {
  test('a live holder is named and the second command refuses; a dead one\'s lock is taken over', () => {
    const dir = projectWith();
    expect(runBin(dir, ['build']).code).toBe(0);
    mkdirSync(path.join(dir, 'out'), { recursive: true });
    const lock = path.join(dir, 'out/.batchforge-lock');
    writeFileSync(lock, JSON.stringify({ pid: process.pid, host: hostname(), command: 'submit', since: '2026-12-01T05:00:00.000Z' }));
    for (const args of [['build'], ['submit'], ['collect'], ['retry'], ['status']]) {
      const r = runBin(dir, args, { OPENAI_API_KEY: 'sk-test' });
      expect([args[0], r.code, r.stderr.split('\n')[0]]).toEqual([
        args[0],
        2,
        `out is in use by \`batchforge submit\` (pid ${process.pid} on ${hostname()}, since 2026-12-01T05:00:00.000Z); nothing was done`,
      ]);
    }
    writeFileSync(lock, JSON.stringify({ pid: 4194305, host: hostname(), command: 'build', since: '2026-12-01T05:00:00.000Z' }));
    expect(runBin(dir, ['build']).code).toBe(0);
    expect(existsSync(lock)).toBe(false);
  });
});
