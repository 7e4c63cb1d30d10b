import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { UniqueIds } from '../../../src/stages/validate/unique-ids.js';
import { tempDir } from '../../support/tree.js';

/** ids 0..n-1 with the given repeats: `ids(6, { 4: 1, 5: 2 })` is a0 a1 a2 a3 a1 a2 */
const ids = (n: number, repeat: Record<number, number> = {}) => Array.from({ length: n }, (_, i) => `a${repeat[i] ?? i}`);

describe('UniqueIds', () => {
  test('without a spill folder every id stays in memory and duplicates show at once', () => {
    const u = new UniqueIds({ memoryIds: 2 });
    expect(ids(6, { 4: 1, 5: 5 }).map((id) => u.add(id))).toEqual([true, true, true, true, false, true]);
    expect([...u.finish()]).toEqual([]);
  });

  test('past memoryIds, a repeat of an id in memory shows at once; repeats among spilled ids show at finish', () => {
    const dir = path.join(tempDir(), 'ids');
    const u = new UniqueIds({ spillDir: dir, memoryIds: 3 });
    // a0 a1 a2 in memory; a3.. spilled; ordinal 5 repeats a1 (memory), 7 and 9 repeat a4, 8 repeats a6
    const seq = ids(10, { 5: 1, 7: 4, 8: 6, 9: 4 });
    expect(seq.map((id) => u.add(id))).toEqual([true, true, true, true, true, false, true, true, true, true]);
    expect([...u.finish()]).toEqual([7, 8, 9]);
    expect(existsSync(dir)).toBe(false);
  });

  test('with the late duplicates known, a second run rejects them at their ordinals and spills nothing', () => {
    const dir = path.join(tempDir(), 'ids');
    const seq = ids(10, { 5: 1, 7: 4, 8: 6, 9: 4 });
    const u = new UniqueIds({ spillDir: dir, memoryIds: 3, known: Uint32Array.of(7, 8, 9) });
    expect(seq.map((id) => u.add(id))).toEqual([true, true, true, true, true, false, true, false, false, false]);
    expect(existsSync(dir)).toBe(false);
    expect([...u.finish()]).toEqual([]);
  });

  test('spills across many partitions and buffer flushes, and finds every late repeat', () => {
    const dir = path.join(tempDir(), 'ids');
    const u = new UniqueIds({ spillDir: dir, memoryIds: 1000 });
    const n = 200_000;
    for (let i = 0; i < n; i++) expect(u.add(`row-${i}`)).toBe(true);
    expect(readdirSync(dir).length).toBe(64);
    // every 1000th row again, from the spilled range (ordinals n, n+1, ...), and one from memory
    const late: number[] = [];
    for (let i = 5000, k = n; i < n; i += 1000, k++) {
      expect(u.add(`row-${i}`)).toBe(true);
      late.push(k);
    }
    expect(u.add('row-10')).toBe(false);
    expect([...u.finish()]).toEqual(late);
    expect(existsSync(dir)).toBe(false);
  });

  test('dispose removes the spilled ids unread', () => {
    const dir = path.join(tempDir(), 'ids');
    const u = new UniqueIds({ spillDir: dir, memoryIds: 1 });
    for (let i = 0; i < 100_000; i++) u.add(`x${i}`);
    expect(existsSync(dir)).toBe(true);
    u.dispose();
    expect(existsSync(dir)).toBe(false);
  });
});
