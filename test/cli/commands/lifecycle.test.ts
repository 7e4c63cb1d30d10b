import { mkdirSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Io } from '../../../src/cli/command.js';
import { createCollectCommand } from '../../../src/cli/commands/collect.js';
import { createRetryCommand } from '../../../src/cli/commands/retry.js';
import { createStatusCommand } from '../../../src/cli/commands/status.js';
import { createSubmitCommand } from '../../../src/cli/commands/submit.js';
import { run } from '../../../src/cli/run.js';
import { startFakeBatchServer, type FakeServer } from '../../support/fake-batch-server.js';
import { makeBuild, streamOf } from '../../support/lifecycle-build.js';

let server: FakeServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

function fakeIo(cwd: string, env: Io['env']): Io & { out: () => string; err: () => string } {
  let out = '';
  let err = '';
  return {
    stdout: { write: (s: string) => (out += s) },
    stderr: { write: (s: string) => (err += s) },
    cwd,
    env,
    color: false,
    out: () => out,
    err: () => err,
  };
}

function project() {
  const cwd = mkdtempSync(join(tmpdir(), 'batchforge-cli-'));
  mkdirSync(join(cwd, 'out'));
  return { cwd, build: makeBuild({ dir: join(cwd, 'out') }) };
}

const sdk = { maxRetries: 0, timeout: 5000 };

describe('batchforge submit / status / collect / retry', () => {
  it('goes from the built shards to results.csv and retry shards, printing what it did', async () => {
    server = await startFakeBatchServer({
      respond: (line) =>
        line.custom_id === 'req-2'
          ? { error: { code: 'server_error', message: 'boom' } }
          : { status_code: 200, body: { choices: [{ message: { content: `ok ${line.custom_id}` } }], usage: null } },
    });
    const { cwd, build } = project();
    const env = { OPENAI_API_KEY: 'test-key', OPENAI_BASE_URL: server.openAiBaseUrl };

    const submitIo = fakeIo(cwd, env);
    expect(await createSubmitCommand({ sdk, pollMs: 1 }).run({ values: { wait: true }, positionals: [] }, submitIo)).toBe(0);
    expect(submitIo.err()).toBe(
      'batch-00001.jsonl: uploaded as file-1\n' +
        'batch-00001.jsonl: batch batch_2 created\n' +
        'batch-00002.jsonl: uploaded as file-3\n' +
        'batch-00002.jsonl: batch batch_4 created\n' +
        'submitted 2 batch(es), 0 already submitted; ids in out/submit-state.json\n' +
        'waiting: 0/2 batch(es) finished, 0/0 request(s) done\n' +
        'waiting: 2/2 batch(es) finished, 5/5 request(s) done\n',
    );
    expect(submitIo.out()).toBe(
      'shard              batch id     status  total  completed  failed\n' +
        'batch-00001.jsonl   batch_2  completed      3          2       1\n' +
        'batch-00002.jsonl   batch_4  completed      2          2       0\n',
    );

    const statusIo = fakeIo(cwd, env);
    expect(await createStatusCommand({ sdk }).run({ values: { dir: 'out' }, positionals: [] }, statusIo)).toBe(0);
    expect(statusIo.out()).toBe(submitIo.out());
    expect(server.log.filter((l) => l.startsWith('GET /v1/batches/'))).toHaveLength(4);

    const collectIo = fakeIo(cwd, env);
    const collectCommand = createCollectCommand({ sdk, streamRequests: () => streamOf(build.requests) });
    expect(await collectCommand.run({ values: { csv: true }, positionals: [] }, collectIo)).toBe(0);
    expect(collectIo.out()).toBe('requests   5\nsucceeded  4\nfailed     1\nexpired    0\nmissing    0\ncanceled   0\n');
    expect(collectIo.err()).toBe(
      'wrote out/results.jsonl, out/results.csv\n' +
        'next: `batchforge retry` writes the failed, expired and missing requests as new shards\n',
    );
    expect(readFileSync(join(cwd, 'out', 'results.csv'), 'utf8').split('\n')[2]).toBe('2,"beta, ""quoted""",req-2,failed,,server_error: boom');

    const retryIo = fakeIo(cwd, env);
    expect(await createRetryCommand().run({ values: {}, positionals: [] }, retryIo)).toBe(0);
    expect(retryIo.err()).toBe(
      'wrote 1 request(s) in 1 shard(s) to out/retry/ (failed 1, expired 0, missing 0)\n' +
        'next: batchforge submit --dir out/retry --wait, then batchforge collect --dir out/retry\n',
    );
    expect(readFileSync(join(cwd, 'out', 'retry', 'batch-00001.jsonl'), 'utf8')).toBe(build.lines.get('batch-00001.jsonl')![1] + '\n');
  });

  it('exits 2 and names the variable when the API key is missing', async () => {
    const { cwd } = project();
    const io = fakeIo(cwd, {});
    expect(await run(['submit'], io)).toBe(2);
    expect(io.err()).toBe(
      'no API key for openai: the environment variable OPENAI_API_KEY is not set\n' +
        '  hint: export OPENAI_API_KEY in the shell or CI secrets; batchforge reads keys only from the environment, never from the config\n',
    );
    expect(io.out()).toBe('');
  });

  it('exits 1 when status is asked before anything was submitted', async () => {
    const { cwd } = project();
    const io = fakeIo(cwd, { OPENAI_API_KEY: 'k' });
    expect(await run(['status', '--dir', 'out'], io)).toBe(1);
    expect(io.err()).toBe('no batch of the build in out has been submitted\n  hint: run `batchforge submit` first\n');
  });
});
