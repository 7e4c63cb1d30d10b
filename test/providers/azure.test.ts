import { describe, expect, it } from 'vitest';
import { azure } from '../../src/providers/azure.js';
import { lineOf, system, user } from './helpers.js';

describe('azure', () => {
  it('writes the classic API url without /v1 and the deployment name as model', () => {
    expect(lineOf({ provider: 'azure', model: 'gpt-4o-batch', custom_id: 'task-{{@index}}', messages: [system('You are an AI assistant that helps people find information.'), user('When was Microsoft founded?')] })).toBe(
      '{"custom_id":"task-0","method":"POST","url":"/chat/completions","body":{"model":"gpt-4o-batch","messages":[{"role":"system","content":"You are an AI assistant that helps people find information."},{"role":"user","content":"When was Microsoft founded?"}]}}',
    );
  });

  it('takes input for /embeddings and the v1 API paths too', () => {
    expect(lineOf({ provider: 'azure', model: 'emb', endpoint: azure.inputEndpoint!, input: '{{text}}', custom_id: 'e{{@index}}' }, { text: 'hello' })).toBe(
      '{"custom_id":"e0","method":"POST","url":"/embeddings","body":{"model":"emb","input":"hello"}}',
    );
    expect(azure.endpoints).toEqual(['/chat/completions', '/embeddings', '/responses', '/v1/chat/completions', '/v1/embeddings', '/v1/responses']);
  });

  it('allows 200 MB and 100,000 lines per file, defaulting to 100 MB, with one deployment per file', () => {
    expect(azure.limits).toEqual({ defaultMaxBytes: 100_000_000, maxBytes: 200_000_000, maxLines: 100_000 });
    expect(azure.oneModelPerFile).toBe(true);
  });
});
