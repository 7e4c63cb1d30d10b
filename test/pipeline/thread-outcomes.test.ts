/**
 * The threaded read (src/pipeline/thread-outcomes.ts) is a second way to run the one outcome
 * stream, so it must write the same bytes: every file in out/, the same problems, the same counts.
 * Each case builds the same project twice with the compiled build (dist/, where the worker thread
 * exists): on one thread and on two workers. Sources are small, so they are cut into many parts
 * (about 1/32 of the source each): record boundaries land everywhere. What only a read in order can
 * decide (a faulty CSV row, bytes that are not UTF-8, a duplicate id) must make the threaded build
 * fall back to one thread and say so (`threads: 1`), with the same result.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { beforeAll, describe, expect, test } from 'vitest';
import { formatProblem } from '../../src/errors/index.js';
import type { build as Build, BuildResult } from '../../src/pipeline/build.js';
import { DECODE_PIECE, MAX_RECORD } from '../../src/threads/cut-parts.js';
import { prng } from '../support/prng.js';
import { runBin } from '../support/spawn-cli.js';
import { project, readTexts } from '../support/project.js';
import { REPO } from '../support/tree.js';

let build: typeof Build;
beforeAll(async () => {
  ({ build } = (await import(pathToFileURL(path.join(REPO, 'dist', 'pipeline', 'build.js')).href)) as { build: typeof Build });
});

interface Seen {
  ok: boolean;
  problems: string[];
  counts: unknown;
  threads: number[];
  files: Record<string, string>;
}

function seen(dir: string, r: BuildResult): Seen {
  const batches = r.summary?.batches ?? [];
  return {
    ok: r.ok,
    problems: r.problems.map((p) => formatProblem(p, { hints: true })),
    counts: batches.map(({ threads: _t, ...rest }) => rest),
    threads: batches.map((b) => b.threads),
    files: r.ok ? readTexts(path.join(dir, 'out')) : {},
  };
}

/** builds the files on one thread and on two workers; returns both */
async function both(files: Record<string, string | Buffer>): Promise<{ one: Seen; two: Seen }> {
  const a = project(files as Record<string, string>);
  const b = project(files as Record<string, string>);
  const one = seen(a, await build({ cwd: a, threads: 1 }));
  const two = seen(b, await build({ cwd: b, threads: 2 }));
  return { one, two };
}

async function same(files: Record<string, string | Buffer>, threaded: boolean): Promise<Seen> {
  const { one, two } = await both(files);
  expect(two.ok).toBe(one.ok);
  expect(two.problems).toEqual(one.problems);
  expect(two.counts).toEqual(one.counts);
  expect(two.files).toEqual(one.files);
  expect(one.threads.every((t) => t === 1)).toBe(true);
  expect(two.threads.every((t) => t === (threaded ? 2 : 1))).toBe(true);
  return two;
}

const WORDS = ['alpha', 'beta', 'x,y', 'say "hi"', 'two\nlines', 'crlf\r\ninside', 'café', '中文', '🙂', '', ' pad ', 'tab\there', 'sep\u2028arator'];

function csvField(rand: () => number): string {
  const w = WORDS[Math.floor(rand() * WORDS.length)]!;
  return /[",\r\n]/.test(w) || rand() < 0.2 ? `"${w.replace(/"/g, '""')}"` : w;
}

/** a random CSV in the default dialect: quoted fields with commas, quotes and line ends, blank lines, LF or CRLF */
function randomCsv(seed: number, rows: number): string {
  const rand = prng(seed);
  const eol = rand() < 0.5 ? '\n' : '\r\n';
  const lines = ['id,text,note'];
  for (let i = 1; i <= rows; i++) {
    lines.push(`${i},${csvField(rand)},${csvField(rand)}`);
    if (rand() < 0.05) lines.push('');
  }
  return (rand() < 0.3 ? '\ufeff' : '') + lines.join(eol) + (rand() < 0.7 ? eol : '');
}

const csvConfig = (extra = '') => `model: gpt-4o-mini
source: { path: data/rows.csv${extra} }
custom_id: "r-{{id}}"
messages:
  - { role: system, content: "Row {{@index}} of the set." }
  - { role: user, content: "{{text}} / {{note}} ({{id}})" }
output: { dir: out, max_lines: 37 }
`;

describe('the threaded read writes what the one-thread read writes', () => {
  test.each([1, 2, 3, 4, 5, 6])('random CSV %i (quoted line ends, commas, quotes, BOM, blank lines, CRLF)', async (seed) => {
    const two = await same({ 'data/rows.csv': randomCsv(seed, 300), 'batch.config.yaml': csvConfig() }, true);
    expect(two.ok).toBe(true);
  });

  test('parts a worker decodes in several pieces: characters of 2, 3 and 4 bytes and quoted line ends cross the pieces', async () => {
    const rand = prng(17);
    const long = () => `"${Array.from({ length: 1 + Math.floor(rand() * 40) }, () => WORDS[Math.floor(rand() * WORDS.length)]!).join(' ').replace(/"/g, '""')}"`;
    const lines = ['id,text,note'];
    for (let i = 1; i <= 8000; i++) lines.push(`${i},${long()},${long()}`);
    const csv = lines.join('\n') + '\n';
    // two workers get parts of about a 32nd of the source: several pieces each
    expect(Buffer.byteLength(csv) / 32).toBeGreaterThan(2 * DECODE_PIECE);
    const two = await same({ 'data/rows.csv': csv, 'batch.config.yaml': csvConfig().replace('max_lines: 37', 'max_lines: 2500') }, true);
    expect(two.ok).toBe(true);
  });

  test('TSV, several files by glob, filter, offset and limit', async () => {
    const rand = prng(7);
    const tsv = (from: number) => ['id\ttext\tkeep', ...Array.from({ length: 120 }, (_, i) => `${from + i}\t${WORDS[Math.floor(rand() * 4)]!.replace(/["\n]/g, '')}\t${rand() < 0.9}`)].join('\n') + '\n';
    const two = await same(
      {
        'data/a.tsv': tsv(1),
        'data/b.tsv': tsv(1000),
        'batch.config.yaml': `model: gpt-4o-mini
source: { path: "data/*.tsv", filter: "{{keep}}", offset: 7, limit: 130 }
custom_id: "r-{{id}}"
messages: [{ role: user, content: "{{@index}}: {{text}}" }]
output: { dir: out, max_lines: 40 }
`,
      },
      true,
    );
    expect((two.counts as Array<{ rows: number }>)[0]!.rows).toBe(130);
  });

  test('JSONL: nested fields, exact big integers, U+2028, blank lines, CRLF, a BOM, malformed lines skipped', async () => {
    const rand = prng(11);
    const lines: string[] = [];
    for (let i = 0; i < 400; i++) {
      if (rand() < 0.03) lines.push('');
      if (rand() < 0.02) lines.push('{"id": broken');
      lines.push(JSON.stringify({ id: i, big: '§', tags: i % 3 ? ['a', 'b'] : [], meta: { text: WORDS[i % WORDS.length], flag: i % 2 === 0 } }).replace('"§"', `9007199254740${993 + i}`));
    }
    const two = await same(
      {
        'data/rows.jsonl': '\ufeff' + lines.join('\r\n') + '\n',
        'batch.config.yaml': `model: gpt-4o-mini
source: { path: data/rows.jsonl }
custom_id: "r-{{id}}"
on_error: skip
messages:
  - role: user
    content: "{{#if meta.flag}}even{{else}}odd{{/if}} {{big}} {{#each tags}}[{{@index}}:{{this}}]{{/each}} {{meta.text}}"
output: { dir: out, max_lines: 50 }
`,
      },
      true,
    );
    expect(two.files['rejects.jsonl']).toContain('"origin":"data/rows.jsonl:');
  });

  test('a 2 × 2 matrix with on_error: skip: render errors and lines over the size bound are rejected alike', async () => {
    const rand = prng(5);
    const rows = ['id,text,extra'];
    for (let i = 1; i <= 200; i++) rows.push(`${i},${rand() < 0.1 ? '' : 'x'.repeat(Math.floor(rand() * 300))},${i % 17 === 0 ? '' : 'e'}`);
    await same(
      {
        'data/rows.csv': rows.join('\n') + '\n',
        'batch.config.yaml': `model: gpt-4o-mini
source: { path: data/rows.csv }
custom_id: "r-{{id}}-{{model}}-{{params.temperature}}"
on_error: skip
matrix: { model: [gpt-4o-mini, gpt-4o], params: [{ temperature: 0 }, { temperature: 1 }] }
messages: [{ role: user, content: "{{text}}" }]
output: { dir: out, max_bytes: 400, max_lines: 30 }
`,
      },
      true,
    );
  });

  test('on_error: fail stops at the same error budget with the same counts', async () => {
    const rows = ['id,text', ...Array.from({ length: 300 }, (_, i) => `${i},${i % 9 === 0 ? '' : 'ok'}`)];
    const two = await same({ 'data/rows.csv': rows.join('\n') + '\n', 'batch.config.yaml': csvConfig() }, true);
    expect(two.ok).toBe(false);
  });
});

test('a lone CR in an LF file is data, and ends a line as editors count lines', async () => {
  const text = ['id,text,note', ...Array.from({ length: 300 }, (_, i) => `${i + 1},${i === 199 ? '' : `t${i}`},${i === 149 ? 'cr\rhere' : 'n'}`)].join('\n') + '\n';
  const config = csvConfig().replace('custom_id', 'on_error: skip\ncustom_id').replace('"{{text}} / {{note}} ({{id}})"', '"{{text}}"');
  const two = await same({ 'data/rows.csv': text, 'batch.config.yaml': config }, true);
  // row 200 is on line 201 of the file by LFs; the CR in row 150 ends one more line
  expect(two.files['rejects.jsonl']).toContain('"origin":"data/rows.csv:202"');
});

describe('what only a read in order decides is left to one thread', () => {
  test.each([
    ['a stray quote', (t: string) => t.replace('\n150,', '\n150,"broken" quote,')],
    ['an unclosed quote', (t: string) => t.replace('\n150,', '\n150,"never closed,')],
    ['a row with a missing field', (t: string) => t.replace(/\n150,[^\n]*/, '\n150')],
  ])('%s (on_error: skip)', async (_, damage) => {
    const text = ['id,text,note', ...Array.from({ length: 300 }, (_, i) => `${i + 1},t${i},n`)].join('\n') + '\n';
    const two = await same({ 'data/rows.csv': damage(text), 'batch.config.yaml': csvConfig().replace('custom_id', 'on_error: skip\ncustom_id') }, false);
    expect(two.ok).toBe(true);
  });

  test('a failing build that stops at its error budget: the same 20 errors and the same counts', async () => {
    // every id breaks Anthropic's rule, each at its own row: distinct errors, so the build stops at the 21st
    const text = ['id,text', ...Array.from({ length: 3000 }, (_, i) => `${i},t${i}`)].join('\n') + '\n';
    const two = await same(
      {
        'data/rows.csv': text,
        'batch.config.yaml': `provider: anthropic
model: claude-sonnet-4-5
params: { max_tokens: 100 }
source: { path: data/rows.csv }
custom_id: "row {{id}}"
messages: [{ role: user, content: "{{text}}" }]
`,
      },
      false,
    );
    expect(two.ok).toBe(false);
    expect(two.problems.filter((p) => p.includes('breaks the anthropic rule'))).toHaveLength(20);
  });

  test('a duplicate custom_id: the same error, naming the first row', async () => {
    const text = ['id,text,note', ...Array.from({ length: 300 }, (_, i) => `${i === 250 ? 7 : i},t,n`)].join('\n') + '\n';
    const two = await same({ 'data/rows.csv': text, 'batch.config.yaml': csvConfig() }, false);
    expect(two.problems.join('\n')).toContain('data/rows.csv:252');
  });

  test('bytes that are not UTF-8: the same warning at the same line', async () => {
    const text = ['id,text,note', ...Array.from({ length: 300 }, (_, i) => `${i},t,n`)].join('\n') + '\n';
    const files: Record<string, string | Buffer> = { 'batch.config.yaml': csvConfig() };
    const bytes = Buffer.from(text);
    const at = bytes.indexOf('\n200,') + 5;
    bytes[at] = 0xff;
    files['data/rows.csv'] = bytes;
    const two = await same(files, false);
    expect(two.problems.join('\n')).toContain('data/rows.csv:202');
  });
});

test('a group the threads cannot read in parts (JSON, an encoding, a CSV option) is built on one thread', async () => {
  const two = await same(
    {
      'data/rows.csv': 'id;text\n1;a\n2;b\n',
      'batch.config.yaml': `model: gpt-4o-mini
source: { path: data/rows.csv, delimiter: ";", comment: "#" }
custom_id: "r-{{id}}"
messages: [{ role: user, content: "{{text}}" }]
`,
    },
    false,
  );
  expect(two.ok).toBe(true);
});

test('the bytes hashed for the manifest are the bytes read, also when a limit stops the read early', async () => {
  const text = ['id,text,note', ...Array.from({ length: 2000 }, (_, i) => `${i},${'t'.repeat(i % 50)},n`)].join('\n') + '\n';
  const { one, two } = await both({ 'data/rows.csv': text, 'batch.config.yaml': csvConfig(', limit: 10') });
  expect(two.threads).toEqual([2]);
  expect(two.files['manifest.json']).toBe(one.files['manifest.json']);
});

describe('build --threads on the command line', () => {
  const rows = ['id,text', ...Array.from({ length: 500 }, (_, i) => `${i},text ${i}`)].join('\n') + '\n';
  const files = { 'data/rows.csv': rows, 'batch.config.yaml': csvConfig().replace('{{text}} / {{note}} ({{id}})', '{{text}}') };

  test('--threads 2 reads the group on two workers and writes what --single-thread writes', () => {
    const a = project(files);
    const b = project(files);
    const two = runBin(a, ['build', '--threads', '2', '--json']);
    const one = runBin(b, ['build', '--single-thread', '--json']);
    expect([two.code, one.code]).toEqual([0, 0]);
    expect((JSON.parse(two.stdout) as { summary: { batches: Array<{ threads: number }> } }).summary.batches[0]!.threads).toBe(2);
    expect((JSON.parse(one.stdout) as { summary: { batches: Array<{ threads: number }> } }).summary.batches[0]!.threads).toBe(1);
    expect(readTexts(path.join(a, 'out'))).toEqual(readTexts(path.join(b, 'out')));
  });

  test.each(['0', 'two', '65', '1.5'])('--threads %s is a usage error (exit 2) and builds nothing', (n) => {
    const dir = project(files);
    const r = runBin(dir, ['build', '--threads', n]);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(
      `build: --threads "${n}" is not a whole number from 1 to 64\n  hint: give the worker threads to use, e.g. --threads 2; --threads 1 builds on one thread\n`,
    );
    expect(existsSync(path.join(dir, 'out'))).toBe(false);
  });
});

test('a record of 2 MiB is read on one thread (a worker thread’s heap is kept small), with the same output', async () => {
  const big = 'x'.repeat(2 * MAX_RECORD);
  const rows = ['{"id":1,"text":"small"}', `{"id":2,"text":"${big}"}`, '{"id":3,"text":"small"}'].join('\n') + '\n';
  const files = {
    'data/rows.jsonl': rows,
    'batch.config.yaml': `model: gpt-4o-mini
source: { path: data/rows.jsonl }
custom_id: "r-{{id}}"
messages: [{ role: user, content: "{{text}}" }]
`,
  };
  const two = await same(files, false);
  expect(two.counts).toMatchObject([{ written: 3 }]);
});
