import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { collect } from '../../src/lifecycle/collect.js';
import { retry } from '../../src/lifecycle/retry.js';
import { status } from '../../src/lifecycle/status.js';
import { submit } from '../../src/lifecycle/submit.js';
import { startFakeBatchServer, type AnthropicAnswer, type FakeServer } from '../support/fake-batch-server.js';
import { makeBuild, streamOf } from '../support/lifecycle-build.js';

let server: FakeServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

function respondAnthropic(req: { custom_id: string }): AnthropicAnswer {
  switch (req.custom_id) {
    case 'req-2':
      return { type: 'errored', error: { type: 'error', error: { type: 'invalid_request_error', message: 'max_tokens: too large' } } };
    case 'req-3':
      return { type: 'canceled' };
    case 'req-4':
      return { type: 'expired' };
    default:
      return {
        type: 'succeeded',
        message: {
          id: `msg_${req.custom_id}`, type: 'message', role: 'assistant', model: 'claude-test',
          content: [{ type: 'text', text: 'Hello ' }, { type: 'tool_use', id: 't', name: 'x', input: {} }, { type: 'text', text: `from ${req.custom_id}` }],
          usage: { input_tokens: 5, output_tokens: 3 },
        },
      };
  }
}

describe('the anthropic message-batch round trip', () => {
  it('sends the shard lines as requests, waits for `ended` and joins the results stream', async () => {
    server = await startFakeBatchServer({ respondAnthropic });
    const build = makeBuild({ provider: 'anthropic', shardSize: 5 });
    const opts = { env: { ANTHROPIC_API_KEY: 'test-key', ANTHROPIC_BASE_URL: server.url }, sdk: { maxRetries: 0, timeout: 5000 } };

    const submitted = await submit(build.dir, opts);
    expect(submitted.shards.map((s) => [s.file, s.file_id, s.batch_id, s.status])).toEqual([['batch-00001.jsonl', null, 'msgbatch_1', 'in_progress']]);
    expect(server.anthropicBatches.get('msgbatch_1')!.requests).toEqual(build.lines.get('batch-00001.jsonl')!.map((l) => JSON.parse(l)));

    const rows = await status(build.dir, { ...opts, wait: true, pollMs: 1 });
    expect(rows).toEqual([
      { batch: 'batch', file: 'batch-00001.jsonl', provider: 'anthropic', batch_id: 'msgbatch_1', status: 'ended', total: 5, completed: 2, failed: 3, terminal: true },
    ]);

    const counts = await collect(build.dir, { ...opts, requests: streamOf(build.requests) });
    expect(counts).toEqual({ requests: 5, succeeded: 2, failed: 1, expired: 1, missing: 0, canceled: 1, unmatched: 0 });
    const usage = { input_tokens: 5, output_tokens: 3 };
    expect(readFileSync(join(build.dir, 'results.jsonl'), 'utf8')).toBe(
      [
        { custom_id: 'req-1', origin: 'data/rows.csv:2', row: { id: '1', text: 'alpha' }, status: 'succeeded', answer: 'Hello from req-1', usage, error: null },
        { custom_id: 'req-2', origin: 'data/rows.csv:3', row: { id: '2', text: 'beta, "quoted"' }, status: 'failed', answer: null, usage: null, error: { code: 'invalid_request_error', message: 'max_tokens: too large' } },
        { custom_id: 'req-3', origin: 'data/rows.csv:4', row: { id: '3', text: 'gamma' }, status: 'canceled', answer: null, usage: null, error: { code: 'canceled', message: 'the batch was canceled before this request ran' } },
        { custom_id: 'req-4', origin: 'data/rows.csv:5', row: { id: '4', text: 'delta\nsecond line' }, status: 'expired', answer: null, usage: null, error: { code: 'expired', message: 'the batch expired before this request ran' } },
        { custom_id: 'req-5', origin: 'data/rows.csv:6', row: { id: '5', text: 'epsilon' }, status: 'succeeded', answer: 'Hello from req-5', usage, error: null },
      ]
        .map((l) => JSON.stringify(l) + '\n')
        .join(''),
    );
    // canceled requests are not retried; failed and expired ones are
    expect(await retry(build.dir)).toEqual({ requests: 5, retried: 2, failed: 1, expired: 1, missing: 0, shards: 1 });
    const lines = build.lines.get('batch-00001.jsonl')!;
    expect(readFileSync(join(build.dir, 'retry', 'batch-00001.jsonl'), 'utf8')).toBe(`${lines[1]}\n${lines[3]}\n`);
  });
});

describe('anthropic errors', () => {
  it("shows the API's own message for a rejected key", async () => {
    server = await startFakeBatchServer({ anthropicKey: 'right' });
    const build = makeBuild({ provider: 'anthropic' });
    const opts = { env: { ANTHROPIC_API_KEY: 'wrong', ANTHROPIC_BASE_URL: server.url }, sdk: { maxRetries: 0, timeout: 5000 } };
    await expect(submit(build.dir, opts)).rejects.toThrow('anthropic: creating the batch for batch-00001.jsonl failed: 401 invalid x-api-key');
  });
});
