import { describe, expect, it } from 'vitest';
import { openai } from '../../src/providers/openai.js';
import { configProblems, lineOf, user } from './helpers.js';

describe('openai', () => {
  it('writes the documented batch line', () => {
    expect(lineOf({ provider: 'openai', model: 'gpt-4o-mini', custom_id: 'r-1', messages: [user('Hi')] })).toBe(
      '{"custom_id":"r-1","method":"POST","url":"/v1/chat/completions","body":{"model":"gpt-4o-mini","messages":[{"role":"user","content":"Hi"}]}}',
    );
  });

  it('translates max_tokens to max_output_tokens on /v1/responses and refuses chat-only params there', () => {
    const base = { provider: 'openai', model: 'gpt-4o-mini', endpoint: '/v1/responses', custom_id: 'r-1', messages: [user('Hi')] };
    expect(lineOf({ ...base, params: { max_tokens: 100 } })).toBe(
      '{"custom_id":"r-1","method":"POST","url":"/v1/responses","body":{"model":"gpt-4o-mini","max_output_tokens":100,"input":[{"role":"user","content":"Hi"}]}}',
    );
    expect(configProblems({ ...base, params: { response_format: { type: 'json_object' }, stop: 'x' } })).toEqual([
      ['params.response_format', 'params.response_format is not accepted by openai (OpenAI OpenAPI description f85dbe2)', 'the Responses API takes structured output as text: {format: {type: json_schema, name: …, schema: …}}'],
      ['params.stop', 'params.stop is not accepted by openai (OpenAI OpenAPI description f85dbe2)', 'the Responses API has no stop sequences; remove stop'],
    ]);
  });

  it('names an unknown parameter with the closest one it knows', () => {
    expect(configProblems({ provider: 'openai', model: 'gpt-4o-mini', params: { max_token: 5 }, messages: [user('Hi')] })).toEqual([
      ['params.max_token', 'params.max_token is not a parameter of openai (OpenAI OpenAPI description f85dbe2); did you mean max_tokens?', 'the README section "Providers" lists the parameters openai accepts, translates and refuses'],
    ]);
  });

  it('writes prompt for image generation and video batches', () => {
    expect(lineOf({ provider: 'openai', model: 'gpt-image-1', endpoint: '/v1/images/generations', custom_id: 'i', input: 'A {{animal}}', params: { size: '1024x1024' } }, { animal: 'cat' })).toBe(
      '{"custom_id":"i","method":"POST","url":"/v1/images/generations","body":{"model":"gpt-image-1","size":"1024x1024","prompt":"A cat"}}',
    );
  });

  it('allows 200 MB and 50,000 lines, defaulting to 100 MB', () => {
    expect(openai.limits).toEqual({ defaultMaxBytes: 100_000_000, maxBytes: 200_000_000, maxLines: 50_000, maxUnits: { '/v1/embeddings': 50_000 } });
  });
});
