import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatFromPath, resolveSources } from '../../../src/stages/load/index.js';
import { tempDir, thrown } from './helpers.js';

function tree(files: string[]): string {
  const root = tempDir();
  for (const f of files) {
    mkdirSync(join(root, f, '..'), { recursive: true });
    writeFileSync(join(root, f), '');
  }
  return root;
}

describe('formatFromPath', () => {
  it('knows the extensions, in any case', () => {
    const names = ['a.csv', 'a.TSV', 'a.tab', 'a.jsonl', 'a.NDJSON', 'dir.x/a.json', 'a.txt', 'csv', 'a.csv.gz'];
    expect(names.map(formatFromPath)).toEqual(['csv', 'tsv', 'tsv', 'jsonl', 'jsonl', 'json', undefined, undefined, undefined]);
  });
});

describe('resolveSources', () => {
  it('resolves patterns against the config folder: pattern order, sorted within a glob, no duplicates', async () => {
    const root = tree(['proj/data/b.csv', 'proj/data/a.csv', 'proj/data/B.csv', 'proj/data/sub/c.jsonl', 'proj/extra.json', 'proj/data/notes.txt']);
    const files = await resolveSources(join(root, 'proj'), ['extra.json', 'data/**/*.{csv,jsonl}', 'data/a.csv'], root);
    expect(files).toEqual([
      { path: join(root, 'proj/extra.json'), display: 'proj/extra.json', format: 'json' },
      { path: join(root, 'proj/data/B.csv'), display: 'proj/data/B.csv', format: 'csv' },
      { path: join(root, 'proj/data/a.csv'), display: 'proj/data/a.csv', format: 'csv' },
      { path: join(root, 'proj/data/b.csv'), display: 'proj/data/b.csv', format: 'csv' },
      { path: join(root, 'proj/data/sub/c.jsonl'), display: 'proj/data/sub/c.jsonl', format: 'jsonl' },
    ]);
  });

  it('shows paths outside the working directory as absolute', async () => {
    const root = tree(['cfg/rows.tsv', 'elsewhere/x']);
    const files = await resolveSources(join(root, 'cfg'), ['rows.tsv'], join(root, 'elsewhere'));
    expect(files).toEqual([{ path: join(root, 'cfg/rows.tsv'), display: join(root, 'cfg/rows.tsv'), format: 'tsv' }]);
  });

  it('lets the config format override the extension', async () => {
    const root = tree(['rows.txt']);
    expect(await resolveSources(root, ['rows.txt'], root, 'csv')).toEqual([{ path: join(root, 'rows.txt'), display: 'rows.txt', format: 'csv' }]);
  });

  it('refuses a pattern that matches nothing, a folder included', async () => {
    const root = tree(['data/a.csv']);
    expect(await thrown(resolveSources(root, ['data/a.csv', 'data/*.jsonl'], root))).toBe(
      '[config] source data/*.jsonl matches no file\n  hint: source paths are relative to the config file; check the name and extension',
    );
    expect(await thrown(resolveSources(root, ['data'], root))).toBe(
      '[config] source data matches no file\n  hint: source paths are relative to the config file; check the name and extension',
    );
  });

  it('refuses a file whose format it cannot tell', async () => {
    const root = tree(['data/rows.txt']);
    expect(await thrown(resolveSources(root, ['data/*'], root))).toBe(
      '[config] cannot tell the format of data/rows.txt from its extension\n  hint: name it .csv, .tsv, .jsonl, .ndjson or .json, or set source.format',
    );
  });
});
