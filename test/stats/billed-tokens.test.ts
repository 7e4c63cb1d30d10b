/**
 * stats counts what each provider bills as input. For every provider's full-config line (system
 * and user messages, an image, tools, structured output), this test counts the line on its own
 * terms — every text the model reads, found by walking the line with no knowledge of its shape,
 * plus the JSON of the tools and schemas it is shown — with the same tokenizer, and expects
 * countRequestTokens to agree within the chat framing (a few tokens a message).
 */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { getProvider } from '../../src/providers/registry.js';
import { stats } from '../../src/stats/stats.js';
import type { Json } from '../../src/stages/render/tree.js';
import { countRequestTokens, loadTokenizer, OUTPUT_PATHS, outputBound, requestBody, type CountText } from '../../src/stats/tokens.js';
import { lineOf } from '../providers/helpers.js';
import { ACCEPTED, ROW } from '../providers/sdk/cases.js';
import { writeTree } from '../support/tree.js';

/** keys whose values the model is shown as JSON: tool definitions and output schemas */
const SHOWN_AS_JSON = new Set(['tools', 'json_schema', 'format', 'responseJsonSchema']);
/** keys whose text the model reads */
const READ = new Set(['text', 'content', 'system', 'instructions', 'input', 'prompt']);

/** the model-read text of a line, independently of stats: returns [tokens, messages] */
function independentCount(count: CountText, v: Json, key = ''): number {
  if (SHOWN_AS_JSON.has(key) && v !== null && typeof v === 'object') return count(JSON.stringify(v));
  if (typeof v === 'string') return READ.has(key) ? count(v) : 0;
  if (Array.isArray(v)) return v.reduce<number>((n, x) => n + independentCount(count, x, READ.has(key) ? key : ''), 0);
  if (v === null || typeof v !== 'object') return 0;
  return Object.entries(v).reduce((n, [k, x]) => n + independentCount(count, x, k), 0);
}

describe('stats counts what each provider bills as input', async () => {
  const count = await loadTokenizer('o200k_base');
  it.each(ACCEPTED.map((c) => [c.name, c] as const))('%s: within the chat framing of an independent count', (_name, c) => {
    const line = JSON.parse(lineOf(c.batch, c.row ?? ROW)) as Record<string, Json>;
    const body = requestBody(line);
    const independent = independentCount(count, body as Json);
    const stats = countRequestTokens(count, body);
    // framing: 3 per message and its role, 3 for the reply — two messages here
    expect(independent).toBeGreaterThan(0);
    expect(stats - independent).toBeGreaterThanOrEqual(0);
    expect(stats - independent).toBeLessThanOrEqual(3 + 2 * (3 + 1) + 3);
  });

  it.each(ACCEPTED.filter((c) => c.batch.endpoint !== '/v1/embeddings').map((c) => [c.name, c] as const))('%s: finds the output bound the config set', (_name, c) => {
    const body = requestBody(JSON.parse(lineOf(c.batch, c.row ?? ROW)) as Record<string, Json>);
    expect(outputBound(body)).toBe(256);
  });

  it('knows every output bound a provider declares', () => {
    for (const name of ['openai', 'azure', 'groq', 'doubleword', 'vllm', 'together', 'mistral', 'fireworks', 'anthropic', 'gemini', 'vertex', 'bedrock']) {
      const p = getProvider(name)!;
      for (const endpoint of p.endpoints) for (const path of p.body(endpoint).outputLimit ?? []) expect(OUTPUT_PATHS, `${name} ${endpoint}`).toContain(path);
    }
  });
});

describe('stats on a Gemini batch', () => {
  it('counts the contents and system instruction and reads maxOutputTokens as the output bound', async () => {
    const dir = writeTree({
      'data/q.csv': 'id,q\n1,What is the capital of France?\n2,What is the capital of Peru?\n',
      'batch.config.yaml': 'provider: gemini\nmodel: gemini-2.5-flash\nparams: { max_tokens: 64 }\nsource: { path: data/q.csv }\nmessages:\n  - { role: system, content: "Answer in one word." }\n  - { role: user, content: "{{q}}" }\n',
    });
    const result = await stats({ cwd: dir, config: path.join(dir, 'batch.config.yaml') });
    const b = result.batches[0]!;
    const count = await loadTokenizer('o200k_base');
    // per request: reply 3, the user turn (3 + "user" + question), the system instruction (3 + text)
    const expected = ['What is the capital of France?', 'What is the capital of Peru?'].reduce((n, q) => n + 3 + 3 + count('user') + count(q) + 3 + count('Answer in one word.'), 0);
    expect([b.inputTokens, b.outputTokensMax, b.unboundedRequests]).toEqual([expected, 128, 0]);
  });
});
