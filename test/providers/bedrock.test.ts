import { describe, expect, it } from 'vitest';
import { bedrock } from '../../src/providers/bedrock.js';
import { RequestValidator } from '../../src/stages/validate/check-request.js';
import { configProblems, lineOf, render, rowProblem, system, user } from './helpers.js';

const origin = { file: 'data/rows.csv', line: 2 };
const base = { provider: 'bedrock', model: 'anthropic.claude-3-haiku-20240307-v1:0', custom_id: 'CALL{{call}}' };
const image = [{ type: 'text', text: 'What is this?' }, { type: 'image_url', image_url: { url: '{{img}}' } }];

describe('bedrock InvokeModel (default): the Anthropic Claude body', () => {
  it('writes {recordId, modelInput} as in the documented Claude 3 Haiku line', () => {
    expect(lineOf({ ...base, params: { max_tokens: 1024 }, messages: [user('Summarize the following call transcript: {{t}}')] }, { call: '0000001', t: '...' })).toBe(
      '{"recordId":"CALL0000001","modelInput":{"anthropic_version":"bedrock-2023-05-31","max_tokens":1024,"messages":[{"role":"user","content":[{"type":"text","text":"Summarize the following call transcript: ..."}]}]}}',
    );
  });

  it('moves system messages to system, stop to stop_sequences, and base64 images into image blocks', () => {
    expect(lineOf({ ...base, params: { max_tokens: 10, stop: 'X', temperature: 0 }, messages: [system('Be brief.'), { role: 'user', content: image }] }, { call: '1', img: 'data:image/jpeg;base64,/9j/4AAQ' })).toBe(
      '{"recordId":"CALL1","modelInput":{"anthropic_version":"bedrock-2023-05-31","max_tokens":10,"system":"Be brief.","messages":[{"role":"user","content":[{"type":"text","text":"What is this?"},{"type":"image","source":{"type":"base64","media_type":"image/jpeg","data":"/9j/4AAQ"}}]}],"stop_sequences":["X"],"temperature":0}}',
    );
  });

  it("keeps InvokeModel bodies to AWS's documented keys for Claude: user and metadata are refused", () => {
    const follows = 'AWS Bedrock Anthropic Claude Messages API docs (late 2026)';
    expect(configProblems({ ...base, params: { max_tokens: 10, user: 'u1', metadata: { user_id: 'u1' }, thinking: { type: 'enabled' } }, messages: [user('Hi')] })).toEqual([
      ['params.user', `params.user is not accepted by bedrock (${follows})`, "AWS documents no metadata for Claude's InvokeModel body; remove user"],
      ['params.metadata', `params.metadata is not accepted by bedrock (${follows})`, "AWS documents no metadata for Claude's InvokeModel body; remove it"],
      ['params.thinking', `params.thinking is not a parameter of bedrock (${follows})`, 'the README section "Providers" lists the parameters bedrock accepts, translates and refuses'],
    ]);
  });

  it('rejects a row whose image is not a data: URL', () => {
    const p = rowProblem({ ...base, params: { max_tokens: 10 }, messages: [{ role: 'user', content: image }] }, { call: '1', img: 'https://example.com/cat.png' });
    expect([p.code, p.message, p.hint, p.location]).toEqual([
      'image-not-data-url',
      'image "https://example.com/cat.png" is not a base64 data: URL, which bedrock needs',
      'render images as data:<media type>;base64,<data>, e.g. "data:image/png;base64,{{image_b64}}"',
      origin,
    ]);
  });

  it('requires max_tokens', () => {
    expect(configProblems({ ...base, messages: [user('Hi')] })).toEqual([
      ['params.max_tokens', 'bedrock requires params.max_tokens (the most tokens each response may have)', 'add e.g. `max_tokens: 1024` under params'],
    ]);
  });
});

describe('bedrock Converse (endpoint: Converse)', () => {
  const converse = { ...base, model: 'amazon.nova-lite-v1:0', endpoint: 'Converse' };

  it('writes a Converse body: text blocks, system blocks, inferenceConfig', () => {
    const params = { max_tokens: 512, temperature: 0.5, top_p: 0.9, stop: ['END'], top_k: 20 };
    expect(lineOf({ ...converse, params, messages: [system('Be brief.'), user('Hi {{name}}'), { role: 'assistant', content: 'Hello' }, user('Bye')] }, { call: '2', name: 'Ada' })).toBe(
      '{"recordId":"CALL2","modelInput":{"messages":[{"role":"user","content":[{"text":"Hi Ada"}]},{"role":"assistant","content":[{"text":"Hello"}]},{"role":"user","content":[{"text":"Bye"}]}],"system":[{"text":"Be brief."}],"inferenceConfig":{"maxTokens":512,"temperature":0.5,"topP":0.9,"stopSequences":["END"]},"additionalModelRequestFields":{"top_k":20}}}',
    );
  });

  it('writes base64 images as image blocks with their format', () => {
    expect(lineOf({ ...converse, messages: [{ role: 'user', content: image }] }, { call: '3', img: 'data:image/png;base64,iVBORw0KGgo=' })).toBe(
      '{"recordId":"CALL3","modelInput":{"messages":[{"role":"user","content":[{"text":"What is this?"},{"image":{"format":"png","source":{"bytes":"iVBORw0KGgo="}}}]}]}}',
    );
  });

  it('refuses tools on Converse with AWS\'s reason: batch inference does not support tool calling there', () => {
    const hint = 'AWS: batch inference does not support tool calling for jobs using the Converse invocation type (each such record fails with 400); use endpoint: InvokeModel with a Claude model, or leave the tools out';
    const follows = 'Bedrock Converse API, @aws-sdk/client-bedrock-runtime 3.1164.0; batch inference docs (late 2026)';
    expect(configProblems({ ...converse, params: { toolConfig: { tools: [] } }, messages: [user('Hi')] })).toEqual([
      ['params.toolConfig', `params.toolConfig is not accepted by bedrock (${follows})`, hint],
    ]);
  });

  it('names params Converse cannot take', () => {
    expect(configProblems({ ...converse, params: { seed: 1 }, messages: [user('Hi')] })).toEqual([
      ['params.seed', 'params.seed is not a parameter of bedrock (Bedrock Converse API, @aws-sdk/client-bedrock-runtime 3.1164.0; batch inference docs (late 2026))', 'the README section "Providers" lists the parameters bedrock accepts, translates and refuses'],
    ]);
  });
});

describe('bedrock rules', () => {
  it('takes recordIds of 1 to 64 letters and digits, and defaults the id template to match', () => {
    const v = new RequestValidator('bedrock', bedrock.customId, bedrock.limits.defaultMaxBytes);
    expect(v.checkId('CALL0000001', origin)).toBeUndefined();
    expect(v.checkId('call-1', origin)?.message).toBe('custom_id "call-1" breaks the bedrock rule: 1 to 64 letters and digits (no "-" or "_")');
    expect(render({ provider: 'bedrock', endpoint: 'Converse', messages: [user('Hi')] }, {}, 4).customId).toBe('request4');
  });

  it('picks the body shape by endpoint, one model per job, 1 GB files by default quota', () => {
    expect(bedrock.endpoints).toEqual(['InvokeModel', 'Converse']);
    expect(bedrock.defaultEndpoint).toBe('InvokeModel');
    expect(bedrock.oneModelPerFile).toBe(true);
    expect(bedrock.limits).toEqual({ defaultMaxBytes: 100_000_000, maxBytes: 1_000_000_000, minLines: 100 });
  });
});
