import { describe, expect, it } from 'vitest';
import { fromAnthropicBatch, fromOpenAiBatch } from '../../src/lifecycle/batch-status.js';
import { parseOpenAiResult } from '../../src/lifecycle/result-line.js';
import { csvField } from '../../src/lifecycle/results-csv.js';

const ok = (body: Record<string, unknown>) => ({ custom_id: 'r', response: { status_code: 200, body }, error: null });

describe('reading one result line', () => {
  it('takes the text of chat, completions and responses API bodies', () => {
    expect(parseOpenAiResult(ok({ choices: [{ message: { content: 'chat' } }] }))?.result.answer).toBe('chat');
    expect(parseOpenAiResult(ok({ choices: [{ text: 'completion' }] }))?.result.answer).toBe('completion');
    expect(parseOpenAiResult(ok({ output_text: 'direct', output: [] }))?.result.answer).toBe('direct');
    const output = [
      { type: 'reasoning', summary: [] },
      { type: 'message', content: [{ type: 'output_text', text: 'Hello ' }, { type: 'output_text', text: 'world' }] },
    ];
    expect(parseOpenAiResult(ok({ output }))?.result.answer).toBe('Hello world');
  });

  it('takes the embedding vector (or vectors) of an embeddings body', () => {
    expect(parseOpenAiResult(ok({ data: [{ embedding: [0.5, -1] }], usage: { prompt_tokens: 2, total_tokens: 2 } }))?.result).toEqual({
      status: 'succeeded', answer: null, embedding: [0.5, -1], usage: { prompt_tokens: 2, total_tokens: 2 }, error: null,
    });
    expect(parseOpenAiResult(ok({ data: [{ embedding: [1] }, { embedding: [2] }] }))?.result.embedding).toEqual([[1], [2]]);
  });

  it('counts an HTTP error inside the response as failed, and batch_expired as expired', () => {
    const http = { custom_id: 'r', response: { status_code: 429, body: { error: { type: 'rate_limit', message: 'slow' } } }, error: null };
    expect(parseOpenAiResult(http)?.result).toEqual({ status: 'failed', answer: null, embedding: null, usage: null, error: { code: 'rate_limit', message: 'slow' } });
    const expired = { custom_id: 'r', response: null, error: { code: 'batch_expired', message: 'late' } };
    expect(parseOpenAiResult(expired)?.result.status).toBe('expired');
    const cancelled = { custom_id: 'r', response: null, error: { code: 'batch_cancelled', message: 'stopped' } };
    expect(parseOpenAiResult(cancelled)?.result.status).toBe('canceled');
  });
});

describe('reading a batch object', () => {
  it("unwraps Together's {job} and lower-cases its status", () => {
    expect(fromOpenAiBatch({ job: { id: 'b1', status: 'COMPLETED', output_file_id: 'f-out', error_file_id: null } })).toEqual({
      id: 'b1', status: 'completed', counts: null, output_file_id: 'f-out', error_file_id: null, errors: [],
    });
  });

  it('keeps the validation errors of a failed batch', () => {
    const failed = { id: 'b', status: 'failed', errors: { data: [{ code: 'invalid_json_line', message: 'bad line', line: 2 }] } };
    expect(fromOpenAiBatch(failed).errors).toEqual([{ code: 'invalid_json_line', message: 'bad line', line: 2 }]);
  });

  it('adds up anthropic request counts', () => {
    const b = { id: 'm', processing_status: 'ended', request_counts: { processing: 0, succeeded: 3, errored: 1, canceled: 1, expired: 2 } };
    expect(fromAnthropicBatch(b).counts).toEqual({ total: 7, completed: 3, failed: 4 });
  });
});

describe('CSV fields', () => {
  it('quotes commas, quotes and newlines, and writes objects as JSON', () => {
    expect([csvField('plain'), csvField('a,b'), csvField('say "hi"'), csvField('two\nlines'), csvField(null), csvField(3), csvField([1, 2])]).toEqual([
      'plain', '"a,b"', '"say ""hi"""', '"two\nlines"', '', '3', '"[1,2]"',
    ]);
  });
});
