import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { collect } from '../../src/lifecycle/collect.js';
import { readState } from '../../src/lifecycle/state.js';
import { status, type StatusRow } from '../../src/lifecycle/status.js';
import { submit, type SubmitEvent } from '../../src/lifecycle/submit.js';
import { startFakeBatchServer, type FakeServer, type OpenAiAnswer } from '../support/fake-batch-server.js';
import { makeBuild, streamOf } from '../support/lifecycle-build.js';

let server: FakeServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

const ok = (id: string) => ({
  status_code: 200,
  body: { choices: [{ index: 0, message: { role: 'assistant', content: `answer to ${id}` } }], usage: { prompt_tokens: 5, completion_tokens: 3, total_tokens: 8 } },
});

/** req-3: an HTTP 400 inside the response; req-4: a request error; req-5: no result line at all. */
function respond(line: { custom_id: string }): OpenAiAnswer {
  if (line.custom_id === 'req-3') return { status_code: 400, body: { error: { code: 'invalid_value', message: 'max_tokens is too large' } } };
  if (line.custom_id === 'req-4') return { error: { code: 'server_error', message: 'the model crashed' } };
  if (line.custom_id === 'req-5') return null;
  return ok(line.custom_id);
}

describe('submit → status --wait → collect against the fake OpenAI server', () => {
  it('uploads each shard once, waits for every batch and joins results back to their rows in order', async () => {
    server = await startFakeBatchServer({ respond });
    const build = makeBuild();
    const common = { env: { OPENAI_API_KEY: 'test-key', OPENAI_BASE_URL: server.openAiBaseUrl }, sdk: { maxRetries: 0, timeout: 5000 } };

    const events: SubmitEvent[] = [];
    const submitted = await submit(build.dir, { ...common, onEvent: (e) => events.push(e) });
    expect(submitted.created).toBe(2);
    expect(submitted.skipped).toBe(0);
    expect(events).toEqual([
      { type: 'uploaded', file: 'batch-00001.jsonl', fileId: 'file-1' },
      { type: 'created', file: 'batch-00001.jsonl', batchId: 'batch_2' },
      { type: 'uploaded', file: 'batch-00002.jsonl', fileId: 'file-3' },
      { type: 'created', file: 'batch-00002.jsonl', batchId: 'batch_4' },
    ]);
    // the uploaded bytes are the shard's bytes, with purpose batch and the shard's name
    const upload = server.files.get('file-1')!;
    expect(upload.purpose).toBe('batch');
    expect(upload.filename).toBe('batch-00001.jsonl');
    expect(upload.content.toString('utf8')).toBe(readFileSync(join(build.dir, 'batch-00001.jsonl'), 'utf8'));
    expect(server.batches.get('batch_2')!.metadata).toEqual({ batchforge_batch: 'batch', batchforge_shard: 'batch-00001.jsonl' });

    const progress: StatusRow[][] = [];
    const rows = await status(build.dir, { ...common, wait: true, pollMs: 1, onProgress: (r) => progress.push(r) });
    expect(progress.map((round) => round.map((r) => r.status))).toEqual([
      ['in_progress', 'in_progress'],
      ['completed', 'completed'],
    ]);
    expect(rows).toEqual([
      { batch: 'batch', file: 'batch-00001.jsonl', provider: 'openai', batch_id: 'batch_2', status: 'completed', total: 3, completed: 2, failed: 1, terminal: true },
      { batch: 'batch', file: 'batch-00002.jsonl', provider: 'openai', batch_id: 'batch_4', status: 'completed', total: 2, completed: 0, failed: 1, terminal: true },
    ]);

    const state = await readState(build.dir);
    expect(state.shards.map((s) => [s.file, s.file_id, s.batch_id, s.status, s.output_file_id, s.error_file_id])).toEqual([
      ['batch-00001.jsonl', 'file-1', 'batch_2', 'completed', 'file-5', 'file-6'],
      ['batch-00002.jsonl', 'file-3', 'batch_4', 'completed', null, 'file-7'],
    ]);

    const counts = await collect(build.dir, { ...common, requests: streamOf(build.requests), csv: true });
    expect(counts).toEqual({ requests: 5, succeeded: 2, failed: 2, expired: 0, missing: 1, canceled: 0, unmatched: 0 });
    expect(counts.requests).toBe(counts.succeeded + counts.failed + counts.expired + counts.missing + counts.canceled);

    const usage = { prompt_tokens: 5, completion_tokens: 3, total_tokens: 8 };
    expect(readFileSync(join(build.dir, 'results.jsonl'), 'utf8')).toBe(
      [
        { custom_id: 'req-1', origin: 'data/rows.csv:2', row: { id: '1', text: 'alpha' }, status: 'succeeded', answer: 'answer to req-1', usage, error: null },
        { custom_id: 'req-2', origin: 'data/rows.csv:3', row: { id: '2', text: 'beta, "quoted"' }, status: 'succeeded', answer: 'answer to req-2', usage, error: null },
        { custom_id: 'req-3', origin: 'data/rows.csv:4', row: { id: '3', text: 'gamma' }, status: 'failed', answer: null, usage: null, error: { code: 'invalid_value', message: 'max_tokens is too large' } },
        { custom_id: 'req-4', origin: 'data/rows.csv:5', row: { id: '4', text: 'delta\nsecond line' }, status: 'failed', answer: null, usage: null, error: { code: 'server_error', message: 'the model crashed' } },
        { custom_id: 'req-5', origin: 'data/rows.csv:6', row: { id: '5', text: 'epsilon' }, status: 'missing', answer: null, usage: null, error: { code: 'missing', message: 'the finished batch returned no result for this request' } },
      ]
        .map((l) => JSON.stringify(l) + '\n')
        .join(''),
    );
    expect(readFileSync(join(build.dir, 'results.csv'), 'utf8')).toBe(
      'id,text,custom_id,status,answer,error\n' +
        '1,alpha,req-1,succeeded,answer to req-1,\n' +
        '2,"beta, ""quoted""",req-2,succeeded,answer to req-2,\n' +
        '3,gamma,req-3,failed,,invalid_value: max_tokens is too large\n' +
        '4,"delta\nsecond line",req-4,failed,,server_error: the model crashed\n' +
        '5,epsilon,req-5,missing,,missing: the finished batch returned no result for this request\n',
    );
  });

  it('submits nothing the second time: every shard is already in submit-state.json', async () => {
    server = await startFakeBatchServer();
    const build = makeBuild();
    const common = { env: { OPENAI_API_KEY: 'test-key', OPENAI_BASE_URL: server.openAiBaseUrl }, sdk: { maxRetries: 0, timeout: 5000 } };
    await submit(build.dir, common);
    const again = await submit(build.dir, common);
    expect([again.created, again.skipped]).toEqual([0, 2]);
    expect(server.uploads()).toBe(2);
    expect(server.log.filter((l) => l === 'POST /v1/batches')).toHaveLength(2);
  });

  it('refuses to collect while a batch is still running, naming it', async () => {
    server = await startFakeBatchServer();
    const build = makeBuild();
    const common = { env: { OPENAI_API_KEY: 'test-key', OPENAI_BASE_URL: server.openAiBaseUrl }, sdk: { maxRetries: 0, timeout: 5000 } };
    await submit(build.dir, common);
    await expect(collect(build.dir, { ...common, requests: streamOf(build.requests) })).rejects.toThrow(
      '2 batch(es) not finished: batch-00001.jsonl (in_progress), batch-00002.jsonl (in_progress)',
    );
  });

  it('marks every request of a batch that failed validation as failed, with the line error where one is given', async () => {
    server = await startFakeBatchServer({ invalid: [1] });
    const build = makeBuild({ shardSize: 3 });
    const common = { env: { OPENAI_API_KEY: 'test-key', OPENAI_BASE_URL: server.openAiBaseUrl }, sdk: { maxRetries: 0, timeout: 5000 } };
    await submit(build.dir, common);
    const rows = await status(build.dir, { ...common, wait: true, pollMs: 1 });
    expect(rows.map((r) => r.status)).toEqual(['failed', 'completed']);
    const counts = await collect(build.dir, { ...common, requests: streamOf(build.requests) });
    expect(counts).toEqual({ requests: 5, succeeded: 2, failed: 3, expired: 0, missing: 0, canceled: 0, unmatched: 0 });
    const lines = readFileSync(join(build.dir, 'results.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l));
    expect(lines.slice(0, 3).map((l) => [l.custom_id, l.status, l.error])).toEqual([
      ['req-1', 'failed', { code: 'model_mismatch', message: 'All requests must use the same model.' }],
      ['req-2', 'failed', { code: 'model_mismatch', message: 'All requests must use the same model.' }],
      ['req-3', 'failed', { code: 'model_mismatch', message: 'All requests must use the same model.' }],
    ]);
  });

  it('refuses to join when the source no longer yields the built requests', async () => {
    server = await startFakeBatchServer();
    const build = makeBuild();
    const common = { env: { OPENAI_API_KEY: 'test-key', OPENAI_BASE_URL: server.openAiBaseUrl }, sdk: { maxRetries: 0, timeout: 5000 }, shownDir: 'out' };
    await submit(build.dir, common);
    await status(build.dir, { ...common, wait: true, pollMs: 1 });
    const edited = build.requests.filter((r) => r.customId !== 'req-2');
    await expect(collect(build.dir, { ...common, requests: streamOf(edited) })).rejects.toThrow(
      'the source no longer yields the requests of out/batch-00001.jsonl: expected custom_id "req-2", got custom_id "req-3"',
    );
    await expect(collect(build.dir, { ...common, requests: streamOf([...build.requests, build.requests[0]!]) })).rejects.toThrow(
      'the source no longer yields the requests of out/batch-00002.jsonl: expected no more requests, got custom_id "req-1"',
    );
    expect(existsSync(join(build.dir, 'results.jsonl'))).toBe(false);
    expect(readdirSync(build.dir).filter((f) => f.startsWith('.batchforge-tmp'))).toEqual([]);
  });
});
