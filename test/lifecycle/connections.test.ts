import { describe, expect, it } from 'vitest';
import { formatProblem, isBatchforgeError } from '../../src/errors/index.js';
import { connect, resolveEndpoint } from '../../src/lifecycle/connections.js';

function message(f: () => unknown): string {
  try {
    f();
  } catch (e) {
    if (isBatchforgeError(e)) return e.problems.map((p) => formatProblem(p)).join('\n');
    throw e;
  }
  throw new Error('expected a BatchforgeError');
}

describe('provider connections', () => {
  it('uses each provider default base URL and key variable', () => {
    const env = {};
    expect(
      ['openai', 'groq', 'doubleword', 'together', 'anthropic'].map((p) => [p, resolveEndpoint(p, { env })]),
    ).toEqual([
      ['openai', { baseUrl: 'https://api.openai.com/v1', keyVar: 'OPENAI_API_KEY' }],
      ['groq', { baseUrl: 'https://api.groq.com/openai/v1', keyVar: 'GROQ_API_KEY' }],
      ['doubleword', { baseUrl: 'https://api.doubleword.ai/v1', keyVar: 'DOUBLEWORD_API_KEY' }],
      ['together', { baseUrl: 'https://api.together.xyz/v1', keyVar: 'TOGETHER_API_KEY' }],
      ['anthropic', { baseUrl: 'https://api.anthropic.com', keyVar: 'ANTHROPIC_API_KEY' }],
    ]);
  });

  it('takes the base URL from the environment over the config, and the config over the default', () => {
    expect(resolveEndpoint('groq', { env: {}, baseUrl: 'http://config/v1' }).baseUrl).toBe('http://config/v1');
    expect(resolveEndpoint('groq', { env: {}, baseUrl: { openai: 'http://other/v1' } }).baseUrl).toBe('https://api.groq.com/openai/v1');
    expect(resolveEndpoint('groq', { env: { GROQ_BASE_URL: 'http://env/v1' }, baseUrl: 'http://config/v1' }).baseUrl).toBe('http://env/v1');
  });

  it('builds the azure base URL from AZURE_OPENAI_ENDPOINT and says when it is missing', () => {
    expect(resolveEndpoint('azure', { env: { AZURE_OPENAI_ENDPOINT: 'https://res.openai.azure.com/' } })).toEqual({
      baseUrl: 'https://res.openai.azure.com/openai/v1',
      keyVar: 'AZURE_OPENAI_API_KEY',
    });
    expect(message(() => resolveEndpoint('azure', { env: {} }))).toBe(
      'no endpoint for azure: the environment variable AZURE_OPENAI_ENDPOINT is not set\n' +
        '  hint: set it to the resource URL, e.g. https://my-resource.openai.azure.com, or set base_url in the config',
    );
  });

  it('names the missing key variable for every provider', () => {
    expect(message(() => connect('anthropic', { env: { OPENAI_API_KEY: 'k' } }))).toBe(
      'no API key for anthropic: the environment variable ANTHROPIC_API_KEY is not set\n' +
        '  hint: export ANTHROPIC_API_KEY in the shell or CI secrets; batchforge reads keys only from the environment, never from the config',
    );
    expect(message(() => connect('together', { env: { TOGETHER_API_KEY: '' } }))).toContain('TOGETHER_API_KEY is not set');
  });

  it('refuses a provider it cannot submit to', () => {
    expect(message(() => connect('bedrock', { env: {} }))).toBe(
      'batchforge cannot submit to provider "bedrock"\n  hint: submit, status and collect work with: openai, azure, groq, doubleword, together, anthropic',
    );
  });

  it('hands the SDK the key, base URL and upload purpose', () => {
    const c = connect('together', { env: { TOGETHER_API_KEY: 'k' } });
    expect(c.sdk).toBe('openai');
    if (c.sdk !== 'openai') return;
    expect([c.baseUrl, c.purpose, c.client.baseURL, c.client.apiKey]).toEqual(['https://api.together.xyz/v1', 'batch-api', 'https://api.together.xyz/v1', 'k']);
  });
});
