import { describe, expect, it } from 'vitest';
import { anthropic } from '../../src/providers/anthropic.js';
import { RequestValidator } from '../../src/stages/validate/check-request.js';
import { configProblems, lineOf, system, user } from './helpers.js';

const origin = { file: 'data/rows.csv', line: 2 };
const base = { provider: 'anthropic', model: 'claude-sonnet-4-5', custom_id: 'my-first-request' };

describe('anthropic', () => {
  it('writes the request object messages.batches.create takes: {custom_id, params}', () => {
    expect(lineOf({ ...base, params: { max_tokens: 1024 }, messages: [user('Hello, {{who}}')] }, { who: 'world' })).toBe(
      '{"custom_id":"my-first-request","params":{"model":"claude-sonnet-4-5","max_tokens":1024,"messages":[{"role":"user","content":"Hello, world"}]}}',
    );
  });

  it('moves one system message to the top-level system string', () => {
    expect(lineOf({ ...base, params: { max_tokens: 16 }, messages: [system('Answer in {{lang}}.'), user('Hi'), { role: 'assistant', content: 'Bonjour' }, user('Again')] }, { lang: 'French' })).toBe(
      '{"custom_id":"my-first-request","params":{"model":"claude-sonnet-4-5","max_tokens":16,"system":"Answer in French.","messages":[{"role":"user","content":"Hi"},{"role":"assistant","content":"Bonjour"},{"role":"user","content":"Again"}]}}',
    );
  });

  it('keeps several system and developer messages as separate text blocks, in order', () => {
    expect(lineOf({ ...base, params: { max_tokens: 16 }, messages: [system('One.'), { role: 'developer', content: [{ type: 'text', text: 'Two.' }, { type: 'text', text: 'Three.' }] }, user('Hi')] })).toBe(
      '{"custom_id":"my-first-request","params":{"model":"claude-sonnet-4-5","max_tokens":16,"system":[{"type":"text","text":"One."},{"type":"text","text":"Two."},{"type":"text","text":"Three."}],"messages":[{"role":"user","content":"Hi"}]}}',
    );
  });

  it('turns image_url parts into image blocks: URL sources, and base64 for a constant data: URL', () => {
    const messages = [{ role: 'user', content: [{ type: 'text', text: 'Describe.' }, { type: 'image_url', image_url: { url: '{{img}}', detail: 'low' } }, { type: 'image_url', image_url: { url: 'data:image/png;base64,iVBORw0KGgo=' } }] }];
    expect(lineOf({ ...base, params: { max_tokens: 300 }, messages }, { img: 'https://example.com/cat.jpg' })).toBe(
      '{"custom_id":"my-first-request","params":{"model":"claude-sonnet-4-5","max_tokens":300,"messages":[{"role":"user","content":[{"type":"text","text":"Describe."},{"type":"image","source":{"type":"url","url":"https://example.com/cat.jpg"}},{"type":"image","source":{"type":"base64","media_type":"image/png","data":"iVBORw0KGgo="}}]}]}}',
    );
  });

  it('maps stop to stop_sequences, max_completion_tokens to max_tokens, user to metadata.user_id, OpenAI tools to Anthropic tools and response_format to output_config.format', () => {
    const params = {
      max_completion_tokens: 64,
      stop: '\n\n',
      user: 'u-{{uid}}',
      tools: [{ type: 'function', function: { name: 'get_weather', description: 'Weather for a city', parameters: { type: 'object', properties: { city: { type: 'string' } } } } }],
      tool_choice: 'required',
      response_format: { type: 'json_schema', json_schema: { name: 'w', schema: { type: 'object', properties: { c: { type: 'string' } }, additionalProperties: false } } },
    };
    expect(lineOf({ ...base, params, messages: [user('Hi')] }, { uid: '7' })).toBe(
      '{"custom_id":"my-first-request","params":{"model":"claude-sonnet-4-5","max_tokens":64,"messages":[{"role":"user","content":"Hi"}],"stop_sequences":["\\n\\n"],"metadata":{"user_id":"u-7"},"tools":[{"name":"get_weather","description":"Weather for a city","input_schema":{"type":"object","properties":{"city":{"type":"string"}}}}],"tool_choice":{"type":"any"},"output_config":{"format":{"type":"json_schema","schema":{"type":"object","properties":{"c":{"type":"string"}},"additionalProperties":false}}}}}',
    );
    expect(lineOf({ ...base, params: { max_tokens: 8, stop: ['a', 'b'], tool_choice: { type: 'function', function: { name: 'f' } } }, messages: [user('Hi')] })).toBe(
      '{"custom_id":"my-first-request","params":{"model":"claude-sonnet-4-5","max_tokens":8,"messages":[{"role":"user","content":"Hi"}],"stop_sequences":["a","b"],"tool_choice":{"type":"tool","name":"f"}}}',
    );
  });

  it('refuses temperature, top_p and top_k on API version 2026-10-21, the default, saying how to keep them', () => {
    const hint = (k: string) => `API version 2026-10-21 refuses ${k} even at its default: remove it, or set api_version: 2023-06-01 (submit then sends it as the anthropic-version header)`;
    expect(configProblems({ ...base, params: { max_tokens: 8, temperature: 1, top_p: 0.9, top_k: 5 }, messages: [user('Hi')] })).toEqual([
      ['params.temperature', 'params.temperature is not accepted by anthropic (API version 2026-10-21)', hint('temperature')],
      ['params.top_p', 'params.top_p is not accepted by anthropic (API version 2026-10-21)', hint('top_p')],
      ['params.top_k', 'params.top_k is not accepted by anthropic (API version 2026-10-21)', hint('top_k')],
    ]);
  });

  it('writes temperature, top_p and top_k when api_version is 2023-06-01', () => {
    expect(lineOf({ ...base, api_version: '2023-06-01', params: { max_tokens: 8, temperature: 0.2, top_p: 0.9, top_k: 5 }, messages: [user('Hi')] })).toBe(
      '{"custom_id":"my-first-request","params":{"model":"claude-sonnet-4-5","max_tokens":8,"messages":[{"role":"user","content":"Hi"}],"temperature":0.2,"top_p":0.9,"top_k":5}}',
    );
  });

  it('knows two API versions, and api_version only for anthropic', () => {
    expect(configProblems({ ...base, api_version: '2024-01-01', params: { max_tokens: 8 }, messages: [user('Hi')] })).toEqual([
      ['api_version', 'api_version "2024-01-01" is not an API version batchforge knows for anthropic', 'use one of: 2026-10-21, 2023-06-01'],
    ]);
    expect(configProblems({ provider: 'openai', model: 'gpt-4o-mini', api_version: '2023-06-01', messages: [user('Hi')] })).toEqual([
      ['api_version', 'openai has no api_version setting', 'remove api_version; only anthropic batches choose an API version'],
    ]);
  });

  it('passes Anthropic parameters through as given', () => {
    expect(lineOf({ ...base, params: { max_tokens: 2048, thinking: { type: 'enabled', budget_tokens: 1024 }, stop_sequences: ['END'] }, messages: [user('Hi')] })).toBe(
      '{"custom_id":"my-first-request","params":{"model":"claude-sonnet-4-5","max_tokens":2048,"messages":[{"role":"user","content":"Hi"}],"thinking":{"type":"enabled","budget_tokens":1024},"stop_sequences":["END"]}}',
    );
  });

  it('says plainly that max_tokens is required', () => {
    expect(configProblems({ ...base, params: { metadata: { user_id: 'x' } }, messages: [user('Hi')] })).toEqual([
      ['params.max_tokens', 'anthropic requires params.max_tokens (the most tokens each response may have)', 'add e.g. `max_tokens: 1024` under params'],
    ]);
  });

  it('names each OpenAI-only param, a misplaced system message, a name and an audio part', () => {
    const messages = [
      user('Hi'),
      { role: 'user', name: 'ada', content: [{ type: 'input_audio', input_audio: { data: '{{a}}', format: 'wav' } }] },
      system('Late.'),
    ];
    expect(configProblems({ ...base, params: { max_tokens: 10, seed: 1, max_completion_tokens: 5, temprature: 0 }, messages })).toEqual([
      ['params.seed', 'params.seed is not accepted by anthropic (API version 2026-10-21)', 'Claude has no seed; remove it'],
      ['params.max_completion_tokens', 'give params.max_tokens or params.max_completion_tokens, not both: anthropic has one max_tokens', 'remove one of them; batchforge writes either as max_tokens'],
      ['params.temprature', 'params.temprature is not a parameter of anthropic (API version 2026-10-21)', 'the README section "Providers" lists the parameters anthropic accepts, translates and refuses'],
      ['messages[1].name', 'anthropic messages have no name; remove messages[1].name', 'put who is speaking into the content instead, e.g. "Ada: {{text}}"'],
      ['messages[2].role', 'anthropic takes system instructions only before the conversation, but messages[2] (system) comes after a user or assistant message', 'move the system/developer messages to the top'],
      ['messages[1].content[0]', 'anthropic cannot take input_audio parts in batch messages', 'use text or image_url parts'],
    ]);
  });

  it('takes only /v1/messages, 100,000 requests and 256 MB per batch', () => {
    expect(anthropic.endpoints).toEqual(['/v1/messages']);
    expect(anthropic.limits).toEqual({ defaultMaxBytes: 100_000_000, maxBytes: 256_000_000, maxLines: 100_000 });
  });

  it('takes ids of 1 to 64 letters, digits, "_" and "-"', () => {
    const v = new RequestValidator('anthropic', anthropic.customId, anthropic.limits.defaultMaxBytes);
    expect(v.checkId('row_1-A', origin)).toBeUndefined();
    expect(v.checkId('a'.repeat(64), origin)).toBeUndefined();
    expect(v.checkId('row.1', origin)?.message).toBe('custom_id "row.1" breaks the anthropic rule: 1 to 64 letters, digits, "_" or "-"');
    expect(v.checkId('b'.repeat(65), origin)?.code).toBe('custom-id-rule');
  });
});
