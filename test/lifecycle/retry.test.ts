import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { formatProblem, isBatchforgeError } from '../../src/errors/index.js';
import { collect, type ResultLine } from '../../src/lifecycle/collect.js';
import { retry } from '../../src/lifecycle/retry.js';
import { status } from '../../src/lifecycle/status.js';
import { submit } from '../../src/lifecycle/submit.js';
import { startFakeBatchServer, type FakeServer, type OpenAiAnswer } from '../support/fake-batch-server.js';
import { makeBuild, sha256, streamOf } from '../support/lifecycle-build.js';

let server: FakeServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

const answer = (id: string): OpenAiAnswer => ({ status_code: 200, body: { choices: [{ message: { role: 'assistant', content: `answer to ${id}` } }], usage: null } });

describe('retry', () => {
  it('writes the original lines of failed, expired and missing requests, and a second round fills them in', async () => {
    let round = 1;
    // round 1: req-1 goes missing, req-2 fails; the third batch (req-5) expires before it runs
    server = await startFakeBatchServer({
      expire: [3],
      respond: (line) => {
        if (round === 1 && line.custom_id === 'req-1') return null;
        if (round === 1 && line.custom_id === 'req-2') return { error: { code: 'rate_limit_exceeded', message: 'slow down' } };
        return answer(line.custom_id);
      },
    });
    const build = makeBuild({ shardSize: 2 });
    const opts = { env: { OPENAI_API_KEY: 'test-key', OPENAI_BASE_URL: server.openAiBaseUrl }, sdk: { maxRetries: 0, timeout: 5000 } };
    await submit(build.dir, opts);
    const rows = await status(build.dir, { ...opts, wait: true, pollMs: 1 });
    expect(rows.map((r) => r.status)).toEqual(['completed', 'completed', 'expired']);
    const counts = await collect(build.dir, { ...opts, requests: streamOf(build.requests) });
    expect(counts).toEqual({ requests: 5, succeeded: 2, failed: 1, expired: 1, missing: 1, canceled: 0, unmatched: 0 });

    const retried = await retry(build.dir);
    expect(retried).toEqual({ requests: 5, retried: 3, failed: 1, expired: 1, missing: 1, shards: 2 });
    const retryDir = join(build.dir, 'retry');
    expect(readdirSync(retryDir).sort()).toEqual(['batch-00001.jsonl', 'batch-00002.jsonl', 'manifest.json']);
    // packed up to the largest original shard (2 lines), byte for byte the original lines
    const original = [...build.lines.values()].flat();
    const first = original[0] + '\n' + original[1] + '\n';
    const second = original[4] + '\n';
    expect(readFileSync(join(retryDir, 'batch-00001.jsonl'), 'utf8')).toBe(first);
    expect(readFileSync(join(retryDir, 'batch-00002.jsonl'), 'utf8')).toBe(second);
    const manifest = JSON.parse(readFileSync(join(retryDir, 'manifest.json'), 'utf8'));
    expect(manifest.retry_of).toBe('..');
    expect(manifest.sources).toEqual(build.manifest.sources);
    expect(manifest.batches).toEqual([
      {
        name: 'batch', provider: 'openai', endpoint: '/v1/chat/completions', model: 'gpt-test', rows: 3, requests: 3, rejected: 0,
        shards: [
          { file: 'batch-00001.jsonl', lines: 2, bytes: Buffer.byteLength(first), sha256: sha256(first), first_custom_id: 'req-1', last_custom_id: 'req-2' },
          { file: 'batch-00002.jsonl', lines: 1, bytes: Buffer.byteLength(second), sha256: sha256(second), first_custom_id: 'req-5', last_custom_id: 'req-5' },
        ],
      },
    ]);

    // round 2: submit the retry dir, wait, collect against the same full source stream
    round = 2;
    expect((await submit(retryDir, opts)).created).toBe(2);
    await status(retryDir, { ...opts, wait: true, pollMs: 1 });
    const second2 = await collect(retryDir, { ...opts, requests: streamOf(build.requests) });
    expect(second2).toEqual({ requests: 3, succeeded: 3, failed: 0, expired: 0, missing: 0, canceled: 0, unmatched: 0 });
    const lines = readFileSync(join(retryDir, 'results.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l) as ResultLine);
    expect(lines.map((l) => [l.custom_id, l.origin, l.status, l.answer])).toEqual([
      ['req-1', 'data/rows.csv:2', 'succeeded', 'answer to req-1'],
      ['req-2', 'data/rows.csv:3', 'succeeded', 'answer to req-2'],
      ['req-5', 'data/rows.csv:6', 'succeeded', 'answer to req-5'],
    ]);
    // and nothing is left to retry from the second round
    expect(await retry(retryDir)).toEqual({ requests: 3, retried: 0, failed: 0, expired: 0, missing: 0, shards: 0 });
    expect(existsSync(join(retryDir, 'retry'))).toBe(false);
  });

  it('asks for collect first when there is no results.jsonl', async () => {
    const build = makeBuild();
    try {
      await retry(build.dir, { shownDir: 'out' });
      throw new Error('expected a BatchforgeError');
    } catch (e) {
      if (!isBatchforgeError(e)) throw e;
      expect(formatProblem(e.problems[0]!)).toBe(
        'no results.jsonl in out\n  hint: run `batchforge collect` first; retry picks the failed requests from its results',
      );
    }
  });
});
