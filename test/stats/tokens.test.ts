import { describe, expect, it } from 'vitest';
import type { Json } from '../../src/stages/render/tree.js';
import { countRequestTokens, encodingFor, lineTokenCounter, loadTokenizer } from '../../src/stats/tokens.js';

describe('encodingFor', () => {
  it.each([
    ['gpt-4o-mini', 'o200k_base', true],
    ['gpt-4.1-nano', 'o200k_base', true],
    ['gpt-5', 'o200k_base', true],
    ['o4-mini', 'o200k_base', true],
    ['gpt-4-turbo', 'cl100k_base', true],
    ['gpt-3.5-turbo', 'cl100k_base', true],
    ['text-embedding-3-small', 'cl100k_base', true],
    ['llama-3.1-8b-instant', 'o200k_base', false],
  ])('%s → %s (exact %s)', (model, encoding, exact) => {
    expect(encodingFor(model)).toEqual({ encoding, exact });
  });
});

describe('countRequestTokens', () => {
  it('counts chat contents and roles, plus 3 per message and 3 for the reply', async () => {
    const count = await loadTokenizer('o200k_base');
    expect(count('Hello world')).toBe(2);
    expect(count('system')).toBe(1);
    expect(count('user')).toBe(1);
    const body: Record<string, Json> = { messages: [{ role: 'system', content: 'Hello world' }, { role: 'user', content: 'Hello world', name: 'ann' }] };
    // 3 + (3 + 1 + 2) + (3 + 1 + 2 + count('ann') + 1)
    expect(count('ann')).toBe(1);
    expect(countRequestTokens(count, body)).toBe(3 + 6 + 6 + 1 + 1);
  });

  it('counts text parts only, and embeddings inputs', async () => {
    const count = await loadTokenizer('cl100k_base');
    const parts: Json[] = [{ type: 'text', text: 'Hello world' }, { type: 'image_url', image_url: { url: 'https://x/y.png' } }];
    expect(countRequestTokens(count, { messages: [{ role: 'user', content: parts }] })).toBe(3 + 3 + 1 + 2);
    expect(countRequestTokens(count, { input: ['Hello world', 'Hello world'] })).toBe(4);
    expect(countRequestTokens(count, { input: [1, 2, 3] })).toBe(3);
  });

  it('counts special-token text as ordinary text instead of failing', async () => {
    const line = await lineTokenCounter('gpt-4o-mini');
    const l = JSON.stringify({ custom_id: 'a', method: 'POST', url: '/v1/chat/completions', body: { model: 'gpt-4o-mini', messages: [{ role: 'user', content: '<|endoftext|>' }] } });
    // as the special token it would be 1; as text it is 7 (<, |, endo, ft, ext, |, >)
    expect(line(l)).toBe(3 + 3 + 1 + 7);
  });
});
