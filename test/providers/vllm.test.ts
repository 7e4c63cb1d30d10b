import { describe, expect, it } from 'vitest';
import { vllm } from '../../src/providers/vllm.js';
import { RequestValidator } from '../../src/stages/validate/check-request.js';
import { lineOf, system, user } from './helpers.js';

const origin = { file: 'data/rows.csv', line: 2 };

describe('vllm', () => {
  it('writes the OpenAI line for run_batch', () => {
    expect(lineOf({ provider: 'vllm', model: 'meta-llama/Meta-Llama-3-8B-Instruct', custom_id: 'request-1', params: { max_completion_tokens: 1000 }, messages: [system('You are a helpful assistant.'), user('Hello world!')] })).toBe(
      '{"custom_id":"request-1","method":"POST","url":"/v1/chat/completions","body":{"model":"meta-llama/Meta-Llama-3-8B-Instruct","max_completion_tokens":1000,"messages":[{"role":"system","content":"You are a helpful assistant."},{"role":"user","content":"Hello world!"}]}}',
    );
  });

  it('takes score and rerank fields from params', () => {
    expect(vllm.endpoints).toEqual(['/v1/chat/completions', '/v1/embeddings', '/v1/score', '/v1/rerank']);
    expect(lineOf({ provider: 'vllm', model: 'BAAI/bge-reranker-v2-m3', endpoint: '/v1/score', custom_id: 's', params: { text_1: '{{q}}', text_2: '{{d}}' } }, { q: 'a', d: 'b' })).toBe(
      '{"custom_id":"s","method":"POST","url":"/v1/score","body":{"model":"BAAI/bge-reranker-v2-m3","text_1":"a","text_2":"b"}}',
    );
  });

  it('defaults to 100 MB files with no ceiling and no line limit, and takes any id', () => {
    expect(vllm.limits).toEqual({ defaultMaxBytes: 100_000_000, maxBytes: Number.POSITIVE_INFINITY });
    const v = new RequestValidator('vllm', vllm.customId, vllm.limits.defaultMaxBytes);
    expect(v.checkId('any id at all, with spaces', origin)).toBeUndefined();
  });
});
