import { describe, expect, it } from 'vitest';
import { mistral } from '../../src/providers/mistral.js';
import { configProblems, lineOf, user } from './helpers.js';

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

  it('translates seed to random_seed and max_completion_tokens to max_tokens, dimensions to output_dimension', () => {
    expect(lineOf({ provider: 'mistral', model: 'mistral-small-latest', custom_id: 'r', params: { seed: 7, max_completion_tokens: 50 }, messages: [user('Hi')] })).toBe(
      '{"custom_id":"r","body":{"model":"mistral-small-latest","random_seed":7,"max_tokens":50,"messages":[{"role":"user","content":"Hi"}]}}',
    );
    expect(lineOf({ provider: 'mistral', model: 'mistral-embed', endpoint: '/v1/embeddings', custom_id: 'e', params: { dimensions: 256 }, input: 'hi' })).toBe(
      '{"custom_id":"e","body":{"model":"mistral-embed","output_dimension":256,"input":"hi"}}',
    );
  });

  it('refuses user, a message name, OpenAI-only and unknown fields, which Mistral answers with 422 extra_forbidden', () => {
    const messages = [{ role: 'user', name: 'ada', content: 'Hi' }];
    expect(configProblems({ provider: 'mistral', model: 'mistral-small-latest', params: { user: 'u1', logprobs: true, temprature: 0 }, messages })).toEqual([
      ['params.user', 'params.user is not accepted by mistral (@mistralai/mistralai 2.7.0)', 'Mistral has no user field; to tag requests use metadata: {user: …}'],
      ['params.logprobs', 'params.logprobs is not accepted by mistral (@mistralai/mistralai 2.7.0)', 'Mistral chat has no logprobs; remove it'],
      ['params.temprature', 'params.temprature is not a parameter of mistral (@mistralai/mistralai 2.7.0); did you mean temperature?', 'the README section "Providers" lists the parameters mistral accepts, translates and refuses'],
      ['messages[0].name', 'mistral messages have no name; remove messages[0].name', 'put who is speaking into the content instead, e.g. "Ada: {{text}}"'],
    ]);
  });

  it('allows 512 MB per file and the lower of the documented request limits, 100,000', () => {
    expect(mistral.limits).toEqual({ defaultMaxBytes: 100_000_000, maxBytes: 512_000_000, maxLines: 100_000 });
    expect(mistral.roles).toEqual(['system', 'user', 'assistant']);
  });
});
