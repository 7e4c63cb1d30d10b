/**
 * The whole journey through the real CLI and the real SDKs against a local fake API:
 * a two-model matrix for openai and anthropic → build → submit --wait → collect --csv.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, test } from 'vitest';
import type { Io } from '../../src/cli/command.js';
import { run } from '../../src/cli/run.js';
import { startFakeBatchServer, type FakeServer } from '../support/fake-batch-server.js';
import { jsonl, project } from '../support/project.js';

let server: FakeServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

function io(cwd: string, env: Io['env'] = {}) {
  const out = { stdout: '', stderr: '' };
  const value: Io = {
    stdout: { write: (s: string) => (out.stdout += s) },
    stderr: { write: (s: string) => (out.stderr += s) },
    cwd,
    env,
    color: false,
  };
  return { io: value, out };
}

const config = (server: FakeServer) => `base_url: { openai: ${server.openAiBaseUrl}, anthropic: ${server.url} }
params: { max_tokens: 32, temperature: 0 }
api_version: { anthropic: 2023-06-01 }
source: { path: data/cities.csv }
custom_id: "{{id}}-{{@matrix.provider}}-{{@matrix.model}}"
matrix:
  provider: [openai, anthropic]
  model: [small, large]
messages:
  - role: system
    content: "Answer in one word."
  - role: user
    content: "Which country is {{city}} in?"
`;

describe('build → submit → collect', () => {
  test('a two-model matrix for openai and anthropic builds partitioned shards and joins every result back', async () => {
    server = await startFakeBatchServer();
    const cwd = project({ 'data/cities.csv': 'id,city\nc1,Paris\nc2,"Lima, Peru"\n' });
    const { writeFileSync } = await import('node:fs');
    writeFileSync(path.join(cwd, 'batch.config.yaml'), config(server));

    const b = io(cwd);
    expect(await run(['build'], b.io), b.out.stderr).toBe(0);
    const out = path.join(cwd, 'out');
    expect(readdirSync(out).sort()).toEqual([
      'batch.anthropic.large-00001.jsonl',
      'batch.anthropic.small-00001.jsonl',
      'batch.openai.large-00001.jsonl',
      'batch.openai.small-00001.jsonl',
      'manifest.json',
    ]);
    expect(readFileSync(path.join(out, 'batch.openai.small-00001.jsonl'), 'utf8').split('\n')[0]).toBe(
      '{"custom_id":"c1-openai-small","method":"POST","url":"/v1/chat/completions","body":{"model":"small","max_tokens":32,"temperature":0,' +
        '"messages":[{"role":"system","content":"Answer in one word."},{"role":"user","content":"Which country is Paris in?"}]}}',
    );
    expect(readFileSync(path.join(out, 'batch.anthropic.large-00001.jsonl'), 'utf8').split('\n')[1]).toBe(
      '{"custom_id":"c2-anthropic-large","params":{"model":"large","max_tokens":32,"system":"Answer in one word.",' +
        '"messages":[{"role":"user","content":"Which country is Lima, Peru in?"}],"temperature":0}}',
    );
    const manifest = JSON.parse(readFileSync(path.join(out, 'manifest.json'), 'utf8'));
    expect(manifest.batches.map((m: { name: string; provider: string; model: string; requests: number }) => [m.name, m.provider, m.model, m.requests])).toEqual([
      ['batch.openai.small', 'openai', 'small', 2],
      ['batch.openai.large', 'openai', 'large', 2],
      ['batch.anthropic.small', 'anthropic', 'small', 2],
      ['batch.anthropic.large', 'anthropic', 'large', 2],
    ]);

    const env = { OPENAI_API_KEY: 'test-key', ANTHROPIC_API_KEY: 'test-key' };
    const s = io(cwd, env);
    expect(await run(['submit', '--wait', '--poll', '0.01'], s.io), s.out.stderr).toBe(0);
    expect(s.out.stderr).toContain('submitted 4 batch(es), 0 already submitted; ids in out/submit-state.json');
    // the API version the anthropic requests were built for (they carry temperature) travels as the header
    expect(manifest.batches.map((m: { api_version?: string }) => m.api_version)).toEqual([undefined, undefined, '2023-06-01', '2023-06-01']);
    expect([...server.anthropicBatches.values()].map((a) => a.version)).toEqual(['2023-06-01', '2023-06-01']);

    const again = io(cwd, env);
    expect(await run(['submit'], again.io)).toBe(0);
    expect(again.out.stderr).toContain('submitted 0 batch(es), 4 already submitted');

    const c = io(cwd, env);
    expect(await run(['collect', '--csv'], c.io), c.out.stderr).toBe(0);
    const results = jsonl(readFileSync(path.join(out, 'results.jsonl'), 'utf8'));
    expect(results.map((r) => [r.custom_id, r.origin, r.status, r.answer])).toEqual([
      ['c1-openai-small', 'data/cities.csv:2', 'succeeded', 'answer to c1-openai-small'],
      ['c2-openai-small', 'data/cities.csv:3', 'succeeded', 'answer to c2-openai-small'],
      ['c1-openai-large', 'data/cities.csv:2', 'succeeded', 'answer to c1-openai-large'],
      ['c2-openai-large', 'data/cities.csv:3', 'succeeded', 'answer to c2-openai-large'],
      ['c1-anthropic-small', 'data/cities.csv:2', 'succeeded', 'answer to c1-anthropic-small'],
      ['c2-anthropic-small', 'data/cities.csv:3', 'succeeded', 'answer to c2-anthropic-small'],
      ['c1-anthropic-large', 'data/cities.csv:2', 'succeeded', 'answer to c1-anthropic-large'],
      ['c2-anthropic-large', 'data/cities.csv:3', 'succeeded', 'answer to c2-anthropic-large'],
    ]);
    expect(results[1]!.row).toEqual({ id: 'c2', city: 'Lima, Peru' });
    expect(readFileSync(path.join(out, 'results.csv'), 'utf8').split('\n')[0]).toMatch(/^id,city,custom_id,status,answer/);

    // a rebuild keeps the lifecycle files
    expect(await run(['build'], io(cwd).io)).toBe(0);
    expect(readdirSync(out)).toEqual(expect.arrayContaining(['submit-state.json', 'results.jsonl', 'results.csv']));
  });
});
