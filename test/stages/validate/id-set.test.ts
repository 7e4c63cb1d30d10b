import { describe, expect, test } from 'vitest';
import { IdSet } from '../../../src/stages/validate/id-set.js';

describe('IdSet', () => {
  test('says false for an id seen before, true for new ones, across growth', () => {
    const set = new IdSet(4);
    for (let i = 0; i < 100_000; i++) expect(set.add(`row-${i}`)).toBe(true);
    expect(set.size).toBe(100_000);
    for (let i = 0; i < 100_000; i += 997) expect(set.add(`row-${i}`)).toBe(false);
    expect(set.add('row-100000')).toBe(true);
  });

  test('tells apart ids that differ only in order, case or a trailing character', () => {
    const set = new IdSet();
    for (const id of ['ab', 'ba', 'AB', 'ab ', 'a', '', 'é', 'e\u0301']) expect(set.add(id)).toBe(true);
  });

  test('no false duplicate among a million similar ids', () => {
    const set = new IdSet();
    let dup = 0;
    for (let i = 0; i < 1_000_000; i++) if (!set.add(`q-${i}`)) dup++;
    expect(dup).toBe(0);
  });

  test('clear forgets every id, with or without a bigger table', () => {
    const set = new IdSet(4);
    for (let i = 0; i < 1000; i++) set.add(`a${i}`);
    set.clear();
    expect(set.size).toBe(0);
    expect(set.add('a1')).toBe(true);
    set.clear(50_000);
    for (let i = 0; i < 50_000; i++) expect(set.add(`a${i}`)).toBe(true);
    expect(set.add('a49999')).toBe(false);
    expect(set.size).toBe(50_000);
  });
});
