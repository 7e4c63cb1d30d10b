import { describe, expect, test } from 'vitest';
import { formatProblem } from '../../../src/errors/index.js';
import { doubleword } from '../../../src/providers/doubleword.js';
import { openai } from '../../../src/providers/openai.js';
import { RequestValidator } from '../../../src/stages/validate/check-request.js';

const at = { file: 'data/rows.csv', line: 4 };
const msg = (p: ReturnType<RequestValidator['checkId']>) => (p ? formatProblem(p, { hints: false }) : undefined);

describe('RequestValidator', () => {
  test('doubleword ids: at most 64 bytes of a valid HTTP header value', () => {
    const v = new RequestValidator('doubleword', doubleword.customId, 1000);
    expect(msg(v.checkId('a'.repeat(64), at))).toBeUndefined();
    expect(msg(v.checkId('b'.repeat(65), at))).toBe(`data/rows.csv:4: custom_id "${'b'.repeat(65)}" breaks the doubleword rule: at most 64 bytes of visible ASCII, spaces or tabs (a valid HTTP header value)`);
    expect(msg(v.checkId('has space', at))).toBeUndefined();
    expect(msg(v.checkId('é', at))).toMatch(/breaks the doubleword rule/);
  });

  test('a second use of an id is a duplicate', () => {
    const v = new RequestValidator('openai', openai.customId, 1000);
    expect(v.checkId('x', at)).toBeUndefined();
    expect(msg(v.checkId('x', { file: 'data/rows.csv', line: 9 }))).toBe('data/rows.csv:9: custom_id "x" is already used by an earlier row');
  });

  test('a line over max_bytes names its id', () => {
    const v = new RequestValidator('openai', openai.customId, 100);
    expect(v.checkSize('x', 100, at)).toBeUndefined();
    expect(msg(v.checkSize('x', 101, at))).toBe('data/rows.csv:4: request "x" is 101 bytes, over output.max_bytes (100)');
  });
});
