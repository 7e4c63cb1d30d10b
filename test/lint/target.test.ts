import { describe, expect, it } from 'vitest';
import { BatchforgeError } from '../../src/errors/index.js';
import { detectTarget, resolveTarget } from '../../src/lint/target.js';

function thrown(fn: () => unknown): BatchforgeError {
  try {
    fn();
  } catch (e) {
    if (e instanceof BatchforgeError) return e;
    throw e;
  }
  throw new Error('expected a BatchforgeError');
}

describe('resolveTarget', () => {
  it('takes a registered provider with its profile', () => {
    const t = resolveTarget('groq');
    expect([t.name, t.shape.family, t.profile?.name]).toEqual(['groq', 'openai', 'groq']);
  });

  it('takes a family name without a registered profile', () => {
    const t = resolveTarget('gemini');
    expect([t.name, t.shape.family, t.profile]).toEqual(['gemini', 'gemini', undefined]);
  });

  it('refuses an unknown name as a usage error with a suggestion', () => {
    const e = thrown(() => resolveTarget('opnai'));
    expect(e.problems).toEqual([
      {
        code: 'lint-unknown-provider',
        kind: 'usage',
        severity: 'error',
        message: 'unknown provider "opnai" (did you mean "openai"?)',
        hint: '--provider takes a provider or a line family: openai, groq, doubleword, anthropic, custom-id-body, gemini, bedrock, vertex',
      },
    ]);
  });

  it('suggests nothing for a name far from every known one', () => {
    expect(thrown(() => resolveTarget('zzzzzzzz')).problems[0]?.message).toBe('unknown provider "zzzzzzzz"');
  });
});

describe('detectTarget', () => {
  it.each([
    [{ custom_id: 'a', method: 'POST', url: '/v1/chat/completions', body: {} }, 'openai'],
    [{ custom_id: 'a', body: {} }, 'custom-id-body'],
    [{ custom_id: 'a', params: {} }, 'anthropic'],
    [{ key: 'a', request: {} }, 'gemini'],
    [{ request: {} }, 'vertex'],
    [{ recordId: 'a', modelInput: {} }, 'bedrock'],
    [{ something: 'else' }, 'openai'],
    [[1, 2], 'openai'],
  ])('reads %j as %s', (line, name) => {
    expect(detectTarget(line).name).toBe(name);
  });
});
