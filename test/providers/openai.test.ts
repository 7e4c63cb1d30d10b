import { describe, expect, it } from 'vitest';
import { openai } from '../../src/providers/openai.js';
import { lineOf, user } from './helpers.js';

describe('openai', () => {
  it('writes the documented batch line', () => {
    expect(lineOf({ provider: 'openai', model: 'gpt-4o-mini', custom_id: 'r-1', messages: [user('Hi')] })).toBe(
      '{"custom_id":"r-1","method":"POST","url":"/v1/chat/completions","body":{"model":"gpt-4o-mini","messages":[{"role":"user","content":"Hi"}]}}',
    );
  });

  it('allows 200 MB and 50,000 lines, defaulting to 100 MB', () => {
    expect(openai.limits).toEqual({ defaultMaxBytes: 100_000_000, maxBytes: 200_000_000, maxLines: 50_000, maxUnits: { '/v1/embeddings': 50_000 } });
  });
});
