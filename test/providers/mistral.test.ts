import { describe, expect, it } from 'vitest';
import { mistral } from '../../src/providers/mistral.js';
import { lineOf, user } from './helpers.js';

describe('mistral', () => {
  it('writes {custom_id, body} with the model kept in the body, as in Mistral\'s example lines', () => {
    expect(lineOf({ provider: 'mistral', model: 'mistral-small-latest', custom_id: '{{@index}}', params: { max_tokens: 100 }, messages: [user('What is the best French {{thing}}?')] }, { thing: 'cheese' })).toBe(
      '{"custom_id":"0","body":{"model":"mistral-small-latest","max_tokens":100,"messages":[{"role":"user","content":"What is the best French cheese?"}]}}',
    );
  });

  it('writes input for embeddings and prompt for fim/completions', () => {
    expect(lineOf({ provider: 'mistral', model: 'mistral-embed', endpoint: '/v1/embeddings', custom_id: 'e', input: '{{t}}' }, { t: 'hi' })).toBe('{"custom_id":"e","body":{"model":"mistral-embed","input":"hi"}}');
    expect(lineOf({ provider: 'mistral', model: 'codestral-latest', endpoint: '/v1/fim/completions', custom_id: 'f', input: 'def f(' })).toBe('{"custom_id":"f","body":{"model":"codestral-latest","prompt":"def f("}}');
  });

  it('allows 512 MB per file and the lower of the documented request limits, 100,000', () => {
    expect(mistral.limits).toEqual({ defaultMaxBytes: 100_000_000, maxBytes: 512_000_000, maxLines: 100_000 });
    expect(mistral.roles).toEqual(['system', 'user', 'assistant']);
  });
});
