import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { readLines } from '../../src/lint/read-lines.js';

function tmpFile(content: Buffer | string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bf-lint-'));
  const file = path.join(dir, 'f.jsonl');
  fs.writeFileSync(file, content);
  return file;
}

async function collect(file: string) {
  const lines: string[] = [];
  const invalid: number[] = [];
  const stats = await readLines(file, {
    line: (text, no) => lines.push(`${no}:${text}`),
    invalidUtf8: (no) => invalid.push(no),
  });
  return { lines, invalid, stats };
}

describe('readLines', () => {
  it('splits on \\n, strips \\r, keeps a last line without newline', async () => {
    const { lines, stats } = await collect(tmpFile('a\r\nb\n\nc'));
    expect(lines).toEqual(['1:a', '2:b', '3:', '4:c']);
    expect(stats).toEqual({ bytes: 7, lines: 4, bom: false, crlfFirst: 1, crlfCount: 1 });
  });

  it('reads nothing from an empty file', async () => {
    const { lines, stats } = await collect(tmpFile(''));
    expect(lines).toEqual([]);
    expect(stats.lines).toBe(0);
  });

  it('strips a BOM from the first line and says so', async () => {
    const { lines, stats } = await collect(tmpFile(Buffer.from('\ufeff{"a":1}\n', 'utf8')));
    expect(lines).toEqual(['1:{"a":1}']);
    expect(stats.bom).toBe(true);
  });

  it('names only the lines with invalid UTF-8', async () => {
    const { lines, invalid } = await collect(tmpFile(Buffer.concat([Buffer.from('ok\n'), Buffer.from([0x61, 0xc3, 0x28, 0x0a]), Buffer.from('é\n')])));
    expect(lines).toEqual(['1:ok', '3:é']);
    expect(invalid).toEqual([2]);
  });

  it('joins a line and a multi-byte character cut by the 4 MiB chunk boundary', async () => {
    // line 1 ends 2 bytes before the boundary, so line 2's "é" (2 bytes) straddles it
    const first = 'x'.repeat(4 * 1024 * 1024 - 3);
    const { lines, invalid, stats } = await collect(tmpFile(`${first}\né${'y'.repeat(10)}\nlast`));
    expect(invalid).toEqual([]);
    expect(lines.map((l) => l.slice(0, 12))).toEqual(['1:xxxxxxxxxx', `2:é${'y'.repeat(9)}`, '3:last']);
    expect(stats.lines).toBe(3);
  });

  it('carries a line longer than a chunk across several chunks', async () => {
    const long = 'z'.repeat(9 * 1024 * 1024);
    const { lines } = await collect(tmpFile(`a\n${long}\nb\n`));
    expect(lines.map((l) => l.length)).toEqual([3, long.length + 2, 3]);
  });
});
