import { describe, expect, it } from 'vitest';
import { doubleword } from '../../src/providers/doubleword.js';
import { RequestValidator } from '../../src/stages/validate/check-request.js';
import { lineOf, user } from './helpers.js';

describe('doubleword', () => {
  it('writes the OpenAI line', () => {
    expect(lineOf({ provider: 'doubleword', model: 'Qwen/Qwen3-30B', custom_id: 'a-1', messages: [user('Hi')] })).toBe(
      '{"custom_id":"a-1","method":"POST","url":"/v1/chat/completions","body":{"model":"Qwen/Qwen3-30B","messages":[{"role":"user","content":"Hi"}]}}',
    );
  });

  it('allows 100 MiB, defaults to 100 MB, and takes ids the server takes: 64 bytes of a valid HTTP header value, spaces included', () => {
    expect(doubleword.limits).toEqual({ defaultMaxBytes: 100_000_000, maxBytes: 104_857_600 });
    const v = new RequestValidator('doubleword', doubleword.customId, doubleword.limits.defaultMaxBytes);
    expect(v.checkId('a-1', { file: 'data/rows.csv', line: 2 })).toBeUndefined();
    expect(v.checkId('row 1', { file: 'data/rows.csv', line: 2 })).toBeUndefined();
    expect(v.checkId('row\t1', { file: 'data/rows.csv', line: 2 })).toBeUndefined();
    expect(v.checkId('row\u00011', { file: 'data/rows.csv', line: 2 })?.message).toBe('custom_id "row\\u00011" breaks the doubleword rule: at most 64 bytes of visible ASCII, spaces or tabs (a valid HTTP header value)');
    expect(v.checkId('café', { file: 'data/rows.csv', line: 2 })?.code).toBe('custom-id-rule');
  });
});
