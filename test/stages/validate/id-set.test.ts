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
});
