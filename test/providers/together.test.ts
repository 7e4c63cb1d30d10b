import { describe, expect, it } from 'vitest';
import { together } from '../../src/providers/together.js';
import { RequestValidator } from '../../src/stages/validate/check-request.js';
import { lineOf, system, user } from './helpers.js';

const origin = { file: 'data/rows.csv', line: 2 };

describe('together', () => {
  it('writes {custom_id, body} with the model inside the body, as Together documents', () => {
    expect(
      lineOf(
        { provider: 'together', model: 'deepseek-ai/DeepSeek-V3', custom_id: 'request-{{n}}', params: { max_tokens: 200 }, messages: [system('You are a helpful assistant.'), user('{{question}}')] },
        { n: 1, question: 'Hello world!' },
      ),
    ).toBe('{"custom_id":"request-1","body":{"model":"deepseek-ai/DeepSeek-V3","max_tokens":200,"messages":[{"role":"system","content":"You are a helpful assistant."},{"role":"user","content":"Hello world!"}]}}');
  });

  it('allows 100 MB and 50,000 lines per file', () => {
    expect(together.limits).toEqual({ defaultMaxBytes: 100_000_000, maxBytes: 100_000_000, maxLines: 50_000 });
    expect(together.endpoints).toEqual(['/v1/chat/completions']);
  });

  it('takes ids of at most 64 characters', () => {
    const v = new RequestValidator('together', together.customId, together.limits.defaultMaxBytes);
    expect(v.checkId('x'.repeat(64), origin)).toBeUndefined();
    expect(v.checkId('y'.repeat(65), origin)?.message).toBe(`custom_id "${'y'.repeat(65)}" breaks the together rule: at most 64 characters, unique in the file`);
  });
});
