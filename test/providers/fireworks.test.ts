import { describe, expect, it } from 'vitest';
import { fireworks } from '../../src/providers/fireworks.js';
import { lineOf, system, user } from './helpers.js';

describe('fireworks', () => {
  it('writes {custom_id, body} without the model, which the job names', () => {
    expect(
      lineOf({ provider: 'fireworks', model: 'accounts/fireworks/models/llama-v3p1-8b-instruct', custom_id: 'request-1', params: { max_tokens: 100 }, messages: [system('You are a helpful assistant.'), user('What is the capital of France?')] }),
    ).toBe('{"custom_id":"request-1","body":{"max_tokens":100,"messages":[{"role":"system","content":"You are a helpful assistant."},{"role":"user","content":"What is the capital of France?"}]}}');
  });

  it('keeps files under 500 MB and one model per file', () => {
    expect(fireworks.limits).toEqual({ defaultMaxBytes: 100_000_000, maxBytes: 499_999_999 });
    expect(fireworks.oneModelPerFile).toBe(true);
  });
});
