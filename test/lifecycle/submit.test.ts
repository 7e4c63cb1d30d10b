import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { formatProblem, isBatchforgeError } from '../../src/errors/index.js';
import { readState } from '../../src/lifecycle/state.js';
import { submit, type SubmitEvent } from '../../src/lifecycle/submit.js';
import { startFakeBatchServer, type FakeServer } from '../support/fake-batch-server.js';
import { makeBuild, shardInfo } from '../support/lifecycle-build.js';

let server: FakeServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

const sdk = { maxRetries: 0, timeout: 5000 };

async function failure(p: Promise<unknown>): Promise<string> {
  try {
    await p;
  } catch (e) {
    if (isBatchforgeError(e)) return e.problems.map((x) => formatProblem(x)).join('\n');
    throw e;
  }
  throw new Error('expected a BatchforgeError');
}

describe('submit', () => {
  it('resumes after a crash between upload and batch creation without uploading again', async () => {
    server = await startFakeBatchServer({ failBatchCreate: 1 });
    const build = makeBuild({ shardSize: 5 });
    const opts = { env: { OPENAI_API_KEY: 'test-key', OPENAI_BASE_URL: server.openAiBaseUrl }, sdk };

    expect(await failure(submit(build.dir, opts))).toBe(
      'openai: creating the batch for batch-00001.jsonl failed: 500 The server had an error while processing your request.\n' +
        '  hint: what was done so far is saved in submit-state.json; run the same command again to resume',
    );
    const crashed = await readState(build.dir);
    expect(crashed.shards.map((s) => [s.file, s.file_id, s.batch_id, s.status])).toEqual([['batch-00001.jsonl', 'file-1', null, 'uploaded']]);

    const resumed = await submit(build.dir, opts);
    expect(resumed.created).toBe(1);
    expect(server.uploads()).toBe(1);
    // the resumed run first looks for a batch made from the upload, finds none, then creates it
    expect(server.log).toEqual(['POST /v1/files', 'POST /v1/batches', 'GET /v1/batches', 'POST /v1/batches']);
    const state = await readState(build.dir);
    expect(state.shards.map((s) => [s.file, s.file_id, s.batch_id, s.status])).toEqual([['batch-00001.jsonl', 'file-1', 'batch_2', 'validating']]);
    expect(server.batches.get('batch_2')!.input_file_id).toBe('file-1');
    expect(readFileSync(join(build.dir, 'submit-state.json'), 'utf8').includes('test-key')).toBe(false);
  });

  it('adopts a batch created just before a crash kept its id from being saved, instead of creating another', async () => {
    server = await startFakeBatchServer();
    const build = makeBuild({ shardSize: 5 });
    const opts = { env: { OPENAI_API_KEY: 'test-key', OPENAI_BASE_URL: server.openAiBaseUrl }, sdk };
    await submit(build.dir, opts);
    // the state as it was on disk between batches.create returning and the id being written
    const state = JSON.parse(readFileSync(join(build.dir, 'submit-state.json'), 'utf8'));
    Object.assign(state.shards[0], { batch_id: null, status: 'uploaded' });
    writeFileSync(join(build.dir, 'submit-state.json'), JSON.stringify(state));

    const events: SubmitEvent[] = [];
    const resumed = await submit(build.dir, { ...opts, onEvent: (e) => events.push(e) });
    expect(events).toEqual([{ type: 'adopted', file: 'batch-00001.jsonl', batchId: 'batch_2' }]);
    expect(resumed.shards.map((s) => [s.file_id, s.batch_id])).toEqual([['file-1', 'batch_2']]);
    expect(server.log).toEqual(['POST /v1/files', 'POST /v1/batches', 'GET /v1/batches']);
  });

  it('refuses a shard that changed since it was submitted, and submits it as a new batch with force', async () => {
    server = await startFakeBatchServer();
    const build = makeBuild({ shardSize: 5 });
    const opts = { env: { OPENAI_API_KEY: 'test-key', OPENAI_BASE_URL: server.openAiBaseUrl }, sdk, shownDir: 'out' };
    await submit(build.dir, opts);

    // a rebuild with edited content: new shard bytes and a manifest that agrees with them
    const lines = build.lines.get('batch-00001.jsonl')!.map((l) => l.replace('alpha', 'ALPHA'));
    writeFileSync(join(build.dir, 'batch-00001.jsonl'), lines.map((l) => l + '\n').join(''));
    build.manifest.batches[0]!.shards[0] = shardInfo('batch-00001.jsonl', lines);
    writeFileSync(join(build.dir, 'manifest.json'), JSON.stringify(build.manifest));

    expect(await failure(submit(build.dir, opts))).toBe(
      'out/batch-00001.jsonl changed since it was submitted as batch_2; refusing to submit it again\n' +
        '  hint: collect the submitted batch first, or run `batchforge submit --force` to submit the new content as a new batch',
    );
    expect(server.uploads()).toBe(1);

    const forced = await submit(build.dir, { ...opts, force: true });
    expect(forced.created).toBe(1);
    expect(server.uploads()).toBe(2);
    expect(server.files.get('file-3')!.content.toString('utf8')).toContain('ALPHA');
    const state = await readState(build.dir);
    expect(state.shards.map((s) => [s.file, s.batch_id])).toEqual([
      ['batch-00001.jsonl', 'batch_2'],
      ['batch-00001.jsonl', 'batch_4'],
    ]);
    // and the new content is now the submitted one: a plain re-run skips it
    expect((await submit(build.dir, opts)).skipped).toBe(1);
  });

  it('refuses a shard edited after the build (its bytes no longer match manifest.json)', async () => {
    const build = makeBuild({ shardSize: 5 });
    writeFileSync(join(build.dir, 'batch-00001.jsonl'), readFileSync(join(build.dir, 'batch-00001.jsonl'), 'utf8') + '\n');
    expect(await failure(submit(build.dir, { env: { OPENAI_API_KEY: 'k' }, shownDir: 'out' }))).toBe(
      'out/batch-00001.jsonl is missing or differs from its sha256 in manifest.json\n' +
        '  hint: shards must not be edited by hand: run `batchforge build` again',
    );
  });

  it('names the missing API key variable and never contacts the server', async () => {
    server = await startFakeBatchServer();
    const build = makeBuild();
    expect(await failure(submit(build.dir, { env: { OPENAI_BASE_URL: server.openAiBaseUrl }, sdk }))).toBe(
      'no API key for openai: the environment variable OPENAI_API_KEY is not set\n' +
        '  hint: export OPENAI_API_KEY in the shell or CI secrets; batchforge reads keys only from the environment, never from the config',
    );
    expect(server.log).toEqual([]);
  });

  it('reports a wrong key as the provider answered it, without echoing the key', async () => {
    server = await startFakeBatchServer();
    const build = makeBuild();
    const text = await failure(submit(build.dir, { env: { OPENAI_API_KEY: 'sk-wrong-secret', OPENAI_BASE_URL: server.openAiBaseUrl }, sdk }));
    expect(text).toBe(
      'openai: uploading batch-00001.jsonl failed: 401 Incorrect API key provided\n' +
        '  hint: what was done so far is saved in submit-state.json; run the same command again to resume',
    );
    expect(text.includes('sk-wrong-secret')).toBe(false);
    expect(existsSync(join(build.dir, 'submit-state.json'))).toBe(false);
  });

  it('says when there is no build to submit', async () => {
    const build = makeBuild();
    expect(await failure(submit(join(build.dir, 'nowhere'), { env: {}, shownDir: 'nowhere' }))).toBe(
      'no manifest.json in nowhere\n  hint: run `batchforge build` first, or point --dir at the build output',
    );
  });
});
