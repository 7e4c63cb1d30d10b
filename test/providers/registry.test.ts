import { describe, expect, it } from 'vitest';
import { endpointTakesMessages } from '../../src/providers/profile.js';
import { getProvider, providerNames, providers } from '../../src/providers/registry.js';

describe('the provider registry', () => {
  it('knows every provider by name', () => {
    expect(providerNames).toEqual(['openai', 'azure', 'groq', 'doubleword', 'vllm', 'together', 'mistral', 'fireworks', 'anthropic', 'gemini', 'vertex', 'bedrock']);
    expect(getProvider('toString')).toBeUndefined();
  });

  it.each(Object.values(providers))('$name defaults to 100 MB files, never above its own maximum', (p) => {
    expect(p.limits.defaultMaxBytes).toBe(Math.min(100_000_000, p.limits.maxBytes));
    expect(p.endpoints).toContain(p.defaultEndpoint);
    if (p.inputEndpoint) expect(p.endpoints).toContain(p.inputEndpoint);
  });

  it('tells message endpoints from input endpoints, by the profile list or the OpenAI rule', () => {
    const takes = (name: string, endpoint: string) => endpointTakesMessages(getProvider(name)!, endpoint);
    expect([takes('openai', '/v1/chat/completions'), takes('openai', '/v1/responses'), takes('openai', '/v1/embeddings')]).toEqual([true, true, false]);
    expect([takes('azure', '/chat/completions'), takes('mistral', '/v1/fim/completions')]).toEqual([true, false]);
    expect([takes('anthropic', '/v1/messages'), takes('gemini', 'generateContent'), takes('bedrock', 'Converse')]).toEqual([true, true, true]);
  });
});
