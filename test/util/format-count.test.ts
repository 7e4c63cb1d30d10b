import { expect, test } from 'vitest';
import { formatCount } from '../../src/util/format-count.js';
import { prng } from '../support/prng.js';

test('writes counts exactly as toLocaleString("en-US") does', () => {
  const rand = prng(3);
  const values = [0, 1, -1, 12, 999, 1000, -1000, 1234567, 1e15, Number.MAX_SAFE_INTEGER, -Number.MAX_SAFE_INTEGER, 0.5, 1234.5678, 1e21, NaN];
  for (let i = 0; i < 2000; i++) values.push(Math.floor((rand() - 0.3) * 10 ** Math.floor(rand() * 16)));
  for (const v of values) expect(formatCount(v)).toBe(v.toLocaleString('en-US'));
});
