import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { fingerprint, print } from '../../../src/stages/validate/id-set.js';
import { IdSpill } from '../../../src/stages/validate/id-spill.js';
import { tempDir } from '../../support/tree.js';

const add = (spill: IdSpill, id: string, ordinal: number) => {
  fingerprint(id);
  spill.add(print.h1, print.h2, ordinal);
};

describe('IdSpill', () => {
  test('nothing spilled: no folder, no duplicates', () => {
    const dir = path.join(tempDir(), 'spill');
    const spill = new IdSpill(dir);
    expect([...spill.finish()]).toEqual([]);
    expect(existsSync(dir)).toBe(false);
  });

  test('finds the later ordinals of repeated fingerprints, ascending, across partitions and flushes', () => {
    const dir = path.join(tempDir(), 'spill');
    const spill = new IdSpill(dir);
    // 150,000 ids (~2,300 per partition: two flushes each), then repeats in a scrambled order
    for (let i = 0; i < 150_000; i++) add(spill, `id-${i}`, 10 + i);
    expect(readdirSync(dir)).toHaveLength(64);
    const repeats = [149_999, 3, 77_777, 3, 0];
    repeats.forEach((i, k) => add(spill, `id-${i}`, 1_000_000 + k));
    expect(spill.size).toBe(150_005);
    expect([...spill.finish()]).toEqual([1_000_000, 1_000_001, 1_000_002, 1_000_003, 1_000_004]);
    expect(existsSync(dir)).toBe(false);
  });

  test('the first of equal fingerprints is the one kept, whatever its ordinal', () => {
    const dir = path.join(tempDir(), 'spill');
    const spill = new IdSpill(dir);
    add(spill, 'a', 5);
    add(spill, 'b', 6);
    add(spill, 'a', 7);
    add(spill, 'a', 9);
    expect([...spill.finish()]).toEqual([7, 9]);
  });
});
