import { describe, expect, it } from 'vitest';
import { readRows } from '../../../src/stages/load/index.js';
import { collect, sourceFile } from './helpers.js';
import { openPaths } from '../../support/open-files.js';

describe('readRows', () => {
  it('reads files of every format in order, numbering rows across them', async () => {
    const files = [
      sourceFile('a.csv', 'k\nc1\nc2\n', 'csv'),
      sourceFile('b.jsonl', '{"k":"l1"}\n', 'jsonl'),
      sourceFile('c.json', '[{"k":"j1"}]', 'json'),
      sourceFile('d.tsv', 'k\nt1\n', 'tsv'),
    ];
    const rows = await collect(files);
    expect(rows.map((r) => `${r.index} ${r.origin.file}:${r.origin.line} ${String(r.data.k)}`)).toEqual([
      '0 data/a.csv:2 c1',
      '1 data/a.csv:3 c2',
      '2 data/b.jsonl:1 l1',
      '3 data/c.json:1 j1',
      '4 data/d.tsv:2 t1',
    ]);
  });

  it('yields arrays of chunkRows rows, carrying a short array over to the next file', async () => {
    const csv = 'n\n' + Array.from({ length: 5 }, (_, i) => `${i}\n`).join('');
    const sizes: number[] = [];
    for await (const chunk of readRows([sourceFile('a.csv', csv, 'csv'), sourceFile('b.csv', csv, 'csv')], { chunkRows: 3, readBytes: 4 })) {
      sizes.push(chunk.length);
    }
    expect(sizes).toEqual([3, 3, 3, 1]);
  });

  it('defaults to arrays of 128 rows', async () => {
    const csv = 'n\n' + Array.from({ length: 300 }, (_, i) => `${i}\n`).join('');
    const sizes: number[] = [];
    for await (const chunk of readRows([sourceFile('a.csv', csv, 'csv')])) sizes.push(chunk.length);
    expect(sizes).toEqual([128, 128, 44]);
  });

  it.skipIf(process.platform !== 'linux')('closes the file when the consumer stops early', async () => {
    const csv = 'n\n' + Array.from({ length: 5000 }, (_, i) => `${i}\n`).join('');
    for (const [name, format] of [['big.csv', 'csv'], ['big.jsonl', 'jsonl']] as const) {
      const file = sourceFile(name, format === 'csv' ? csv : csv.replace(/^(\d+)$/gm, '{"n":$1}').slice(2), format);
      let seen = 0;
      for await (const chunk of readRows([file], { chunkRows: 10, readBytes: 64 })) {
        seen += chunk.length;
        expect(openPaths()).toContain(file.path);
        if (seen >= 20) break;
      }
      expect(seen).toBe(20);
      expect(openPaths()).not.toContain(file.path);
    }
  });
});
