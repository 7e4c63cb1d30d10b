/** Bedrock jobs have a minimum record count (default quota 100): a build warns about a shard below it and still writes it. */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { build } from '../../src/pipeline/build.js';
import { writeTree } from '../support/tree.js';

describe('the Bedrock per-job minimum', () => {
  it('warns, naming the shard, when it holds fewer than 100 records', async () => {
    const dir = writeTree({
      'data/q.csv': 'id,q\n1,Hi\n2,Bye\n',
      'batch.config.yaml': 'provider: bedrock\nmodel: anthropic.claude-3-haiku-20240307-v1:0\nparams: { max_tokens: 16 }\nsource: { path: data/q.csv }\nmessages: [{ role: user, content: "{{q}}" }]\n',
    });
    const result = await build({ cwd: dir, config: path.join(dir, 'batch.config.yaml') });
    expect(result.ok).toBe(true);
    expect(result.problems.map((p) => [p.severity, p.code, p.message, p.hint])).toEqual([
      [
        'warning',
        'few-records',
        'batch-00001.jsonl holds 2 record(s); a bedrock batch job needs at least 100 by default',
        'add records, run these requests with InvokeModel directly, or check the "minimum number of records per batch inference job" quota of your account',
      ],
    ]);
  });
});
