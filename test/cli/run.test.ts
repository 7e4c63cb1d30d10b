/**
 * The CLI end to end, through run(argv, io) on small fixture trees: the exact lines a user sees
 * on stderr, the exit codes, and what is (or is not) left in out/.
 */
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { helpText } from '../../src/cli/run.js';
import { cli } from '../support/io.js';
import { readTree, snapshot, tempDir, writeTree } from '../support/tree.js';

const CONFIG = `model: gpt-4o-mini
source:
  path: data/rows.csv
custom_id: "row-{{id}}"
messages:
  - role: system
    template: templates/system.hbs
  - role: user
    content: "Tell me about {{name}}."
`;
const ROWS = 'id,name\n1,Ada\n2,Grace\n3,Linus\n';

/** a working project: config, three CSV rows and a system template; `over` replaces or adds files */
const project = (over: Record<string, string> = {}) =>
  writeTree({ 'batch.config.yaml': CONFIG, 'data/rows.csv': ROWS, 'templates/system.hbs': 'You are terse.\n', ...over });
const withConfig = (edit: (c: string) => string, over: Record<string, string> = {}) => project({ 'batch.config.yaml': edit(CONFIG), ...over });

const BUILD_FAILED_HINT =
  '  hint: fix the rows or templates above, or set on_error: skip to write the good rows and list the bad ones in rejects.jsonl';

describe('usage', () => {
  it('--help prints the help on stdout and exits 0', async () => {
    const r = await cli(project(), '--help');
    expect(r).toMatchObject({ code: 0, stderr: '', stdout: helpText() });
    expect(r.stdout).toContain('\nUsage: batchforge <command> [options]\n');
    expect(r.stdout).toMatch(/\n  build +render the config into sharded batch JSONL files and a manifest\n/);
  });

  it('an unknown command suggests the closest one and exits 2', async () => {
    const r = await cli(project(), 'bild');
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.lines).toEqual(['unknown command "bild" (did you mean "build"?)', '  hint: run `batchforge --help` to list the commands']);
  });

  it('an unknown flag exits 2', async () => {
    const r = await cli(project(), 'build', '--frobnicate');
    expect(r.code).toBe(2);
    expect(r.lines).toEqual(['build: unknown option --frobnicate', '  hint: run `batchforge build --help` to list its options']);
  });

  it('a mistyped flag suggests the closest; a short one is named as typed', async () => {
    const r = await cli(project(), 'build', '--jsn');
    expect([r.code, r.lines]).toEqual([2, ['build: unknown option --jsn (did you mean --json?)', '  hint: run `batchforge build --help` to list its options']]);
    const short = await cli(project(), 'build', '-x');
    expect([short.code, short.lines]).toEqual([2, ['build: unknown option -x', '  hint: run `batchforge build --help` to list its options']]);
  });

  it('a flag that needs a value, a switch given one, and an argument a command does not take', async () => {
    const needs = await cli(project(), 'build', '--config');
    expect([needs.code, needs.lines]).toEqual([2, ['build: --config needs a value', '  hint: give it as --config VALUE or --config=VALUE']]);
    const sw = await cli(project(), 'build', '--json=yes');
    expect([sw.code, sw.lines]).toEqual([2, ['build: --json is a switch and takes no value', '  hint: write --json alone to turn it on']]);
    const extra = await cli(project(), 'build', 'extra');
    expect([extra.code, extra.lines]).toEqual([2, ['build: unexpected argument "extra"', '  hint: `batchforge build` takes options only; run `batchforge build --help`']]);
  });
});

describe('config errors exit 2 and name the place', () => {
  it('no config in the folder or its parents', async () => {
    const dir = tempDir();
    const r = await cli(dir, 'build');
    expect(r.code).toBe(2);
    expect(r.lines).toEqual([
      `no batchforge config found in ${dir} or its parents`,
      '  hint: create batch.config.yaml (`batchforge init` scaffolds one) or pass --config FILE',
    ]);
  });

  it('--config naming a file that does not exist', async () => {
    const r = await cli(project(), 'build', '--config', 'nope.yaml');
    expect(r.code).toBe(2);
    expect(r.lines).toEqual(['config file nope.yaml does not exist', '  hint: check the path given to --config']);
  });

  it('a YAML syntax error, with a caret frame', async () => {
    const r = await cli(withConfig((c) => c.replace('path: data/rows.csv', 'path: [data/rows.csv')), 'build');
    expect(r.code).toBe(2);
    expect(r.lines).toEqual([
      'batch.config.yaml:4:1: YAML syntax error: Flow sequence in block collection must be sufficiently indented and end with a ]',
      '  4 | custom_id: "row-{{id}}"',
      '      ^',
      '  hint: fix the YAML at the marked position',
    ]);
  });

  it('an unknown key, with did-you-mean and the allowed keys', async () => {
    const r = await cli(withConfig((c) => c.replace('source:', 'sourse:')), 'build');
    expect(r.code).toBe(2);
    expect(r.lines).toEqual([
      'batch.config.yaml:2:1 sourse: unknown key "sourse" (did you mean "source"?)',
      '  2 | sourse:',
      '      ^',
      '  hint: allowed keys here: $schema, provider, model, endpoint, params, api_version, source, custom_id, matrix, messages, input, on_error, output, base_url, batches',
    ]);
  });

  it('an unknown provider', async () => {
    const r = await cli(withConfig((c) => `provider: opeanai\n${c}`), 'build');
    expect(r.code).toBe(2);
    expect(r.lines).toEqual([
      'batch.config.yaml:1:11 provider: unknown provider "opeanai" (did you mean "openai"?)',
      '  1 | provider: opeanai',
      '                ^',
      '  hint: known providers: openai, azure, groq, doubleword, vllm, together, mistral, fireworks, anthropic, gemini, vertex, bedrock',
    ]);
  });

  it('an unknown role', async () => {
    const r = await cli(withConfig((c) => c.replace('role: user', 'role: usr')), 'build');
    expect(r.code).toBe(2);
    expect(r.lines).toEqual([
      'batch.config.yaml:8:11 messages[1].role: unknown role "usr" (did you mean "user"?)',
      '  8 |   - role: usr',
      '                ^',
      '  hint: roles this provider knows: system, developer, user, assistant',
    ]);
  });

  it('a source file that does not exist', async () => {
    const r = await cli(withConfig((c) => c.replace('rows.csv', 'row.csv')), 'build');
    expect(r.code).toBe(2);
    expect(r.lines).toEqual([
      'batch.config.yaml:3:9 source.path: source data/row.csv matches no file',
      '  hint: source paths are relative to the config file; check the name and extension',
    ]);
  });

  it('a template file that does not exist', async () => {
    const r = await cli(withConfig((c) => c.replace('system.hbs', 'sytem.hbs')), 'build');
    expect(r.code).toBe(2);
    expect(r.lines).toEqual([
      'batch.config.yaml:7:15 messages[0].template: template file templates/sytem.hbs does not exist',
      '  7 |     template: templates/sytem.hbs',
      '                    ^',
      '  hint: template paths are relative to the config file',
    ]);
  });

  it('an output folder that cannot be written (here: below a file) is named, with what to do', async () => {
    const dir = withConfig((c) => `${c}output: { dir: blocker/out }\n`, { blocker: 'a file, not a folder\n' });
    const r = await cli(dir, 'build');
    expect(r.code).toBe(2);
    expect(r.lines).toEqual([
      'blocker/out: a part of this path is a file, not a folder (ENOTDIR); the last good output is unchanged',
      '  hint: point the setting at a folder, or move the file that stands where a folder is needed',
    ]);
  });

  it('a template syntax error names the template file and line', async () => {
    const r = await cli(project({ 'templates/system.hbs': 'You are terse.\n{{#if name}}Hi\n' }), 'build');
    expect(r.code).toBe(2);
    expect(r.lines).toEqual([
      'templates/system.hbs:3: template syntax error: unexpected EOF (an unclosed {{#block}} or a stray }} ?)',
      '  hint: check the {{ }} pairs and block helpers ({{#if}} … {{/if}}) in the template',
    ]);
  });
});

describe('data errors exit 1, name the row, and write nothing', () => {
  it('a malformed CSV row', async () => {
    const dir = project({ 'data/rows.csv': 'id,name\n1,Ada\n2,"Grace\n' });
    const r = await cli(dir, 'build');
    expect(r.code).toBe(1);
    expect(r.lines).toEqual([
      'data/rows.csv:3: malformed row: column 2 opens a quote that is never closed (reading went on at the next line)',
      '  hint: close the quote; if quotes in this file are plain text, set source.quote: false (README "Messy CSV")',
      'build failed: 1 of 2 request(s) from 2 row(s) rejected; out/ is unchanged',
      BUILD_FAILED_HINT,
    ]);
    expect(existsSync(path.join(dir, 'out'))).toBe(false);
  });

  it('a missing template variable names the field, the template file and the row origin', async () => {
    const r = await cli(project({ 'templates/system.hbs': 'You are terse.\nYou talk to {{nmae}}.\n' }), 'build');
    expect(r.code).toBe(1);
    const hint = '  hint: add the column to the source, fix the name in the template, or use {{default field "fallback"}}';
    expect(r.lines).toEqual([
      "templates/system.hbs:2:15: 'nmae' is not defined in row 1 (data/rows.csv:2)",
      hint,
      "templates/system.hbs:2:15: 'nmae' is not defined in row 2 (data/rows.csv:3)",
      hint,
      "templates/system.hbs:2:15: 'nmae' is not defined in row 3 (data/rows.csv:4)",
      hint,
      'build failed: 3 of 3 request(s) from 3 row(s) rejected; out/ is unchanged',
      BUILD_FAILED_HINT,
    ]);
  });

  it('a duplicate custom_id names both rows', async () => {
    const r = await cli(project({ 'data/rows.csv': 'id,name\n1,Ada\n2,Grace\n1,Linus\n' }), 'build');
    expect(r.code).toBe(1);
    expect(r.lines).toEqual([
      'data/rows.csv:4: custom_id "row-1" is already used by data/rows.csv:2',
      '  hint: make the custom_id template unique per row, e.g. add a key column or {{@index}}',
      'build failed: 1 of 3 request(s) from 3 row(s) rejected; out/ is unchanged',
      BUILD_FAILED_HINT,
    ]);
  });

  it('a request over max_bytes names its custom_id and row', async () => {
    const r = await cli(withConfig((c) => `${c}output:\n  max_bytes: 250\n`, { 'data/rows.csv': `id,name\n1,Ada\n2,${'G'.repeat(200)}\n` }), 'build');
    expect(r.code).toBe(1);
    expect(r.lines).toEqual([
      'data/rows.csv:3: request "row-2" is 402 bytes, over output.max_bytes (250)',
      '  hint: shorten the row or the templates, or raise output.max_bytes up to the provider maximum',
      'build failed: 1 of 2 request(s) from 2 row(s) rejected; out/ is unchanged',
      BUILD_FAILED_HINT,
    ]);
  });
});

describe('build', () => {
  it('prints the summary table and where it wrote', async () => {
    const dir = project();
    const r = await cli(dir, 'build');
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('');
    expect(r.lines.slice(0, 2)).toEqual(['batch  provider  rows  written  rejected  shards  bytes', 'batch    openai     3        3         0       1  619 B']);
    expect(r.lines[2]).toMatch(/^built out\/ in \d+\.\d\d s$/);
    expect(r.lines).toHaveLength(3);
    expect([...readTree(path.join(dir, 'out')).keys()]).toEqual(['batch-00001.jsonl', 'manifest.json']);
  });

  it('--json prints the result as JSON on stdout and nothing on stderr', async () => {
    const r = await cli(project(), 'build', '--json');
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    const batch = { name: 'batch', group: 'batch', provider: 'openai', scanned: 3, skipped: 0, rows: 3, requests: 3, written: 3, rejected: 0, notReached: 0, shards: 1, bytes: 619, threads: 1 };
    expect(JSON.parse(r.stdout)).toEqual({
      ok: true,
      out: 'out',
      summary: { batches: [batch], rows: 3, requests: 3, written: 3, rejected: 0, notReached: 0, stopped: false, shards: 1, bytes: 619, ms: expect.any(Number) },
      stale: [],
      problems: [],
    });
  });

  it('--json on a failed build carries the problems as data', async () => {
    const r = await cli(project({ 'data/rows.csv': 'id,name\n1,Ada\n1,Grace\n' }), 'build', '--json');
    expect(r.code).toBe(1);
    const json = JSON.parse(r.stdout) as { ok: boolean; problems: Array<{ code: string; message: string; location: unknown }> };
    expect(json.ok).toBe(false);
    expect(json.problems.map((p) => [p.code, p.message, p.location])).toEqual([
      ['custom-id-duplicate', 'custom_id "row-1" is already used by data/rows.csv:2', { file: 'data/rows.csv', line: 3 }],
    ]);
  });

  it('a failed build leaves the previous out/ byte-identical', async () => {
    const dir = project();
    expect((await cli(dir, 'build')).code).toBe(0);
    const before = snapshot(path.join(dir, 'out'));
    writeTree({ 'data/rows.csv': 'id,name\n1,Ada\n2,"Grace\n' }, dir);
    const r = await cli(dir, 'build');
    expect(r.code).toBe(1);
    expect(r.lines.at(-2)).toBe('build failed: 1 of 2 request(s) from 2 row(s) rejected; out/ is unchanged');
    expect(snapshot(path.join(dir, 'out'))).toEqual(before);
    expect(readdirSync(dir).sort()).toEqual(['batch.config.yaml', 'data', 'out', 'templates']);
  });

  it('removes the stale shards of an earlier, larger build', async () => {
    const dir = withConfig((c) => `${c}output:\n  max_lines: 1\n`);
    expect((await cli(dir, 'build')).code).toBe(0);
    expect([...readTree(path.join(dir, 'out')).keys()]).toEqual(['batch-00001.jsonl', 'batch-00002.jsonl', 'batch-00003.jsonl', 'manifest.json']);
    writeTree({ 'batch.config.yaml': `${CONFIG}output:\n  max_lines: 2\n` }, dir);
    expect((await cli(dir, 'build')).code).toBe(0);
    const out = readTree(path.join(dir, 'out'));
    expect([...out.keys()]).toEqual(['batch-00001.jsonl', 'batch-00002.jsonl', 'manifest.json']);
    expect(out.get('batch-00001.jsonl')!.toString().split('\n')).toHaveLength(3);
    expect(out.get('batch-00002.jsonl')!.toString().split('\n')).toHaveLength(2);
  });

  it('on_error: skip writes the good rows, lists the bad ones in rejects.jsonl and reconciles', async () => {
    const dir = withConfig((c) => `${c}on_error: skip\n`, { 'data/rows.csv': 'id,name\n1,Ada\n2,Grace\n3,"Linus\n' });
    const r = await cli(dir, 'build', '--json');
    expect(r.code).toBe(0);
    const { summary } = JSON.parse(r.stdout) as { summary: { rows: number; written: number; rejected: number } };
    expect(summary).toMatchObject({ rows: 3, written: 2, rejected: 1 });
    expect(summary.rows).toBe(summary.written + summary.rejected);
    const out = readTree(path.join(dir, 'out'));
    expect([...out.keys()]).toEqual(['batch-00001.jsonl', 'manifest.json', 'rejects.jsonl']);
    expect(out.get('rejects.jsonl')!.toString()).toBe(
      '{"origin":"data/rows.csv:4","batch":"batch","code":"csv-quote-not-closed","message":"malformed row: column 2 opens a quote that is never closed (reading went on at the next line)","raw":"3,\\"Linus"}\n',
    );
    expect(out.get('batch-00001.jsonl')!.toString().split('\n').filter(Boolean).map((l) => (JSON.parse(l) as { custom_id: string }).custom_id)).toEqual(['row-1', 'row-2']);
    const manifest = JSON.parse(out.get('manifest.json')!.toString()) as { batches: Array<{ rows: number; requests: number; rejected: number }>; rejects: unknown };
    expect(manifest.batches[0]).toMatchObject({ rows: 3, requests: 2, rejected: 1 });
    expect(manifest.rejects).toEqual({ file: 'rejects.jsonl', lines: 1 });
  });
});

describe('build --check', () => {
  it('exits 0 and says so when out/ is up to date', async () => {
    const dir = project();
    await cli(dir, 'build');
    const r = await cli(dir, 'build', '--check');
    expect(r.code).toBe(0);
    expect(r.lines.at(-1)).toMatch(/^out\/ is up to date in \d+\.\d\d s$/);
  });

  it('exits 1 naming the changed files when out/ is stale, and writes nothing', async () => {
    const dir = project();
    await cli(dir, 'build');
    const out = path.join(dir, 'out');
    const before = snapshot(out);
    writeTree({ 'data/rows.csv': `${ROWS}4,Barbara\n` }, dir);
    const r = await cli(dir, 'build', '--check');
    expect(r.code).toBe(1);
    expect(r.lines).toEqual(['output is stale: ~batch-00001.jsonl, ~manifest.json', '  hint: run `batchforge build` and commit the result']);
    expect(snapshot(out)).toEqual(before);
    expect(readdirSync(dir).sort()).toEqual(['batch.config.yaml', 'data', 'out', 'templates']);
  });

  it('names new and gone files with + and -', async () => {
    const dir = withConfig((c) => `${c}output:\n  max_lines: 2\n`);
    await cli(dir, 'build');
    writeTree({ 'batch.config.yaml': `${CONFIG}output:\n  max_lines: 1\n` }, dir);
    const grown = await cli(dir, 'build', '--check');
    expect(grown.code).toBe(1);
    expect(grown.lines[0]).toBe('output is stale: ~batch-00001.jsonl, ~batch-00002.jsonl, +batch-00003.jsonl, ~manifest.json');
    writeTree({ 'batch.config.yaml': `${CONFIG}output:\n  max_lines: 3\n` }, dir);
    const shrunk = await cli(dir, 'build', '--check');
    expect(shrunk.lines[0]).toBe('output is stale: ~batch-00001.jsonl, ~manifest.json, -batch-00002.jsonl');
  });

  it('with no out/ yet, every file is new and out/ is not created', async () => {
    const dir = project();
    const r = await cli(dir, 'build', '--check');
    expect(r.code).toBe(1);
    expect(r.lines[0]).toBe('output is stale: +batch-00001.jsonl, +manifest.json');
    expect(readdirSync(dir).sort()).toEqual(['batch.config.yaml', 'data', 'templates']);
  });
});

