import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, readdirSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { ShardWriter, shardFileName } from '../../../src/stages/shard/shard-writer.js';

const tmp = () => mkdtempSync(path.join(os.tmpdir(), 'bf-shard-'));
const line = (i: number, pad = 0) => `{"custom_id":"r${i}","x":"${'.'.repeat(pad)}"}`;

function writeAll(w: ShardWriter, lines: string[]) {
  lines.forEach((l, i) => w.write(l, Buffer.byteLength(l) + 1, `r${i}`));
  return w.close();
}

describe('ShardWriter', () => {
  test('names sort in output order', async () => {
    expect(shardFileName('batch', 1)).toBe('batch-00001.jsonl');
    expect(shardFileName('eval.v2', 12345)).toBe('eval.v2-12345.jsonl');
  });

  test('splits at max_lines and records lines, bytes, sha256 and first/last ids', async () => {
    const dir = tmp();
    const lines = Array.from({ length: 5 }, (_, i) => line(i));
    const shards = await writeAll(new ShardWriter(dir, 'b', 1e9, 2), lines);
    expect(shards.map((s) => [s.file, s.lines, s.first_custom_id, s.last_custom_id])).toEqual([
      ['b-00001.jsonl', 2, 'r0', 'r1'],
      ['b-00002.jsonl', 2, 'r2', 'r3'],
      ['b-00003.jsonl', 1, 'r4', 'r4'],
    ]);
    for (const s of shards) {
      const buf = readFileSync(path.join(dir, s.file));
      expect(s.bytes).toBe(buf.length);
      expect(s.sha256).toBe(createHash('sha256').update(buf).digest('hex'));
    }
    expect(readFileSync(path.join(dir, 'b-00002.jsonl'), 'utf8')).toBe(`${line(2)}\n${line(3)}\n`);
  });

  test('starts a new shard before the unit cap would be passed', async () => {
    const dir = tmp();
    const w = new ShardWriter(dir, 'e', 1e9, Infinity, undefined, false, 5);
    [2, 2, 2, 1, 3].forEach((units, i) => w.write(line(i), Buffer.byteLength(line(i)) + 1, `r${i}`, 0, units));
    expect(w.close().map((s) => [s.lines, s.first_custom_id])).toEqual([
      [2, 'r0'],
      [2, 'r2'],
      [1, 'r4'],
    ]);
  });

  test('never exceeds max_bytes counting newlines, and fills a shard exactly to the limit', async () => {
    const dir = tmp();
    const l = line(0, 10); // 30 bytes + newline = 31
    const size = Buffer.byteLength(l) + 1;
    const shards = await writeAll(new ShardWriter(dir, 'b', size * 3, 1000), Array(7).fill(l));
    expect(shards.map((s) => s.bytes)).toEqual([size * 3, size * 3, size]);
    for (const s of shards) expect(readFileSync(path.join(dir, s.file)).length).toBeLessThanOrEqual(size * 3);
  });

  test('multi-byte characters are counted in UTF-8 bytes', async () => {
    const dir = tmp();
    const l = '{"t":"ééé"}'; // 11 chars, 14 bytes
    const shards = await writeAll(new ShardWriter(dir, 'b', 30, 1000), [l, l, l]);
    expect(shards.map((s) => [s.lines, s.bytes])).toEqual([[2, 30], [1, 15]]);
  });

  test('writes every byte across 256 KiB blocks and lines bigger than one', async () => {
    // lines of 1 KB to 600 KB, multi-byte text, so that some end exactly at or cross a block's end
    const lines = [3, 100_000, 261_000, 5, 600_000, 40_000, 262_000, 1].map((n, i) => line(i, n).replace('...', 'é€😀'));
    const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');
    const a = tmp();
    const fromStrings = writeAll(new ShardWriter(a, 'b', 1e9, 5), lines);
    const text = Buffer.from(lines.map((l) => l + '\n').join(''));
    const files = fromStrings.map((s) => readFileSync(path.join(a, s.file)));
    expect(Buffer.concat(files).equals(text)).toBe(true);
    expect(fromStrings.map((s) => s.sha256)).toEqual(files.map(sha));
    expect(fromStrings.map((s) => s.lines)).toEqual([5, 3]);
  });

  test('no lines, no shard files', async () => {
    const dir = tmp();
    expect(await writeAll(new ShardWriter(dir, 'b', 100, 10), [])).toEqual([]);
    expect(readdirSync(dir)).toEqual([]);
  });
});

describe('ShardWriter for lines without ids (vertex)', () => {
  test('writes each shard\'s custom_ids, in line order, to <shard>.ids.txt and names it in the shard info', async () => {
    const dir = tmp();
    const w = new ShardWriter(dir, 'v', 1e9, 2, undefined, true);
    const shards = await writeAll(w, ['{"request":1}', '{"request":2}', '{"request":3}']);
    expect(shards.map((s) => s.ids_file)).toEqual(['v-00001.ids.txt', 'v-00002.ids.txt']);
    expect(readFileSync(path.join(dir, 'v-00001.ids.txt'), 'utf8')).toBe('r0\nr1\n');
    expect(readFileSync(path.join(dir, 'v-00002.ids.txt'), 'utf8')).toBe('r2\n');
  });
});
