import { describe, expect, it } from 'vitest';
import { groq } from '../../src/providers/groq.js';
import { lineOf, user } from './helpers.js';

describe('groq', () => {
  it('writes the OpenAI line', () => {
    expect(lineOf({ provider: 'groq', model: 'llama-3.1-8b-instant', custom_id: 'request-1', messages: [user('What is 2+2?')] })).toBe(
      '{"custom_id":"request-1","method":"POST","url":"/v1/chat/completions","body":{"model":"llama-3.1-8b-instant","messages":[{"role":"user","content":"What is 2+2?"}]}}',
    );
  });

  it('takes only /v1/chat/completions, the one endpoint groq-sdk\'s BatchCreateParams allows', () => {
    expect(groq.endpoints).toEqual(['/v1/chat/completions']);
  });

  it('allows 100 MB per file', () => {
    expect(groq.limits).toEqual({ defaultMaxBytes: 100_000_000, maxBytes: 100_000_000, maxLines: 50_000 });
  });
});
