import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { build } from '../../../src/pipeline/build.js';
import { CHAT_PROJECT, cli, project } from '../helpers.js';

const TOKEN_NOTE = 'gpt-4o-mini: input tokens counted with o200k_base; chat framing approximated as 3 per message + 3 per request; image, audio and file parts not counted';
const PRICE_NOTE =
  'gpt-4o-mini: cost at batch prices of 2026-11-22, $0.075 in / $0.3 out per 1M tokens (OpenAI pricing page, standard price halved for the Batch API); output counted at its max_tokens upper bound';

const withConfig = (extra: string, files: Record<string, string> = {}) => project({ ...CHAT_PROJECT, ...files, 'batch.config.yaml': CHAT_PROJECT['batch.config.yaml']! + extra });

describe('batchforge stats', () => {
  it('prints rows, requests, shards, tokens, the output bound and the cost', async () => {
    const r = await cli(project(CHAT_PROJECT), ['stats']);
    expect(r).toEqual({
      code: 0,
      stderr: '',
      stdout: `batch        model  rows  requests  rejected  shards  bytes  input tokens  output tokens ≤      cost
batch  gpt-4o-mini     3         3         0       1  721 B            72              150  $0.00005

batch: 1 shard
  shard              lines  bytes  input tokens
  batch-00001.jsonl      3  721 B            72

${TOKEN_NOTE}
${PRICE_NOTE}
`,
    });
  });

  it('agrees with the build on shards, lines and bytes', async () => {
    const dir = project(CHAT_PROJECT);
    await cli(dir, ['build']);
    const manifest = JSON.parse(readFileSync(path.join(dir, 'out/manifest.json'), 'utf8'));
    expect(manifest.batches[0].shards.map((s: { file: string; lines: number; bytes: number }) => [s.file, s.lines, s.bytes])).toEqual([['batch-00001.jsonl', 3, 721]]);
  });

  it('prints the figures as JSON with --json', async () => {
    const r = await cli(project(CHAT_PROJECT), ['stats', '--json']);
    expect(r.code).toBe(0);
    const json = JSON.parse(r.stdout);
    expect({ ...json, ms: 0 }).toEqual({
      ok: true,
      pricesDate: '2026-11-22',
      batches: [
        {
          name: 'batch',
          provider: 'openai',
          model: 'gpt-4o-mini',
          endpoint: '/v1/chat/completions',
          rows: 3,
          requests: 3,
          rejected: 0,
          bytes: 721,
          shards: [{ file: 'batch-00001.jsonl', lines: 3, bytes: 721, inputTokens: 72 }],
          inputTokens: 72,
          encoding: 'o200k_base',
          tokensExact: true,
          outputTokensMax: 150,
          unboundedRequests: 0,
          maxTokensPerShard: null,
          price: { model: 'gpt-4o-mini', input: 0.075, output: 0.3, source: 'OpenAI pricing page, standard price halved for the Batch API' },
          cost: { input: 0.0000054, output: 0.000045, total: 0.0000504 },
        },
      ],
      problems: [],
      ms: 0,
    });
  });

  it('says when no price is known, marks other models\' counts as estimates, and has no bound without max_tokens', async () => {
    const dir = project({
      ...CHAT_PROJECT,
      'batch.config.yaml': CHAT_PROJECT['batch.config.yaml']!.replace('model: gpt-4o-mini', 'provider: groq\nmodel: llama-3.1-8b-instant').replace('params:\n  max_tokens: 50\n', ''),
    });
    const r = await cli(dir, ['stats']);
    expect(r.code).toBe(0);
    expect(r.stdout.split('\n').slice(0, 2)).toEqual([
      'batch                 model  rows  requests  rejected  shards  bytes  input tokens  output tokens ≤  cost',
      'batch  llama-3.1-8b-instant     3         3         0       1  700 B          ≈ 72                ?     ?',
    ]);
    expect(r.stdout.split('\n').slice(-4)).toEqual([
      'llama-3.1-8b-instant: input tokens estimated with o200k_base (not this model\'s own tokenizer); chat framing approximated as 3 per message + 3 per request; image, audio and file parts not counted',
      'llama-3.1-8b-instant: 3 request(s) set no max_tokens, so output tokens and their cost have no upper bound',
      'llama-3.1-8b-instant: no price known for llama-3.1-8b-instant, so no cost estimate',
      '',
    ]);
  });

  it('splits shards at output.max_tokens_per_shard, as the build does', async () => {
    const dir = withConfig('output:\n  max_tokens_per_shard: 50\n');
    const r = await cli(dir, ['stats']);
    expect(r.stdout).toContain(`batch: 2 shards (token budget 50 per shard)
  shard              lines  bytes  input tokens
  batch-00001.jsonl      2  481 B            48
  batch-00002.jsonl      1  240 B            24
`);
    const built = await build({ cwd: dir });
    expect(built.ok).toBe(true);
    expect(built.manifest!.batches[0]!.shards.map((s) => [s.file, s.lines, s.bytes, s.first_custom_id])).toEqual([
      ['batch-00001.jsonl', 2, 481, 'city-PAR'],
      ['batch-00002.jsonl', 1, 240, 'city-OSL'],
    ]);
  });

  it('warns when one request alone is over the token budget', async () => {
    const dir = withConfig('output:\n  max_tokens_per_shard: 20\n');
    const r = await cli(dir, ['stats']);
    expect(r.code).toBe(0);
    expect(r.stderr.split('\n').slice(0, 2)).toEqual([
      'data/cities.csv:2: warning: shard batch-00001.jsonl holds 24 input tokens, over output.max_tokens_per_shard (20): request "city-PAR" alone is over the budget',
      '  hint: shorten that request, or raise output.max_tokens_per_shard: a request is never split across shards',
    ]);
    expect(r.stderr.match(/warning: shard/g)).toHaveLength(3);
  });

  it('counts rejected rows and fails as the build would with on_error: fail', async () => {
    const files = { 'data/cities.csv': 'code,city\nPAR,Paris\nROM\nOSL,Oslo\n' };
    const fail = await cli(project({ ...CHAT_PROJECT, ...files }), ['stats']);
    expect(fail.code).toBe(1);
    expect(fail.stderr).toBe('data/cities.csv:3: malformed row: row has 1 field, header has 2\n  hint: fix the row, or set on_error: skip to write it to the rejects file and go on\n');
    expect(fail.stdout.split('\n')[1]).toBe('batch  gpt-4o-mini     3         2         1       1  481 B            48              100  $0.000034');
    const skip = await cli(withConfig('on_error: skip\n', files), ['stats']);
    expect(skip.code).toBe(0);
    expect(skip.stderr).toBe('');
  });

  it('reports config errors with exit 2', async () => {
    expect(await cli(project(CHAT_PROJECT), ['stats', '--batch', 'nope'])).toEqual({
      code: 2,
      stdout: '',
      stderr: 'no batch named "nope"\n  hint: batches in this config: batch\n',
    });
    const noSource = project({ ...CHAT_PROJECT, 'batch.config.yaml': CHAT_PROJECT['batch.config.yaml']!.replace('data/cities.csv', 'data/towns.csv') });
    const r = await cli(noSource, ['stats']);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/^batch\.config\.yaml:5:\d+ source\.path: source data\/towns\.csv matches no file\n/);
  });
});
