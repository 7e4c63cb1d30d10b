/**
 * OpenAI holds an embeddings batch to 50,000 embedding inputs across all its requests. The issue's
 * case: 30,000 rows, two inputs each, used to build one file of 60,000 inputs that OpenAI refuses.
 */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { build } from '../../src/pipeline/build.js';
import { writeTree } from '../support/tree.js';

describe('the OpenAI embedding-input cap', () => {
  it('splits 30,000 requests of two inputs into shards of at most 50,000 inputs', async () => {
    const rows = Array.from({ length: 30_000 }, (_, i) => `${i},word ${i}`).join('\n');
    const dir = writeTree({
      'data/words.csv': `id,word\n${rows}\n`,
      'batch.config.yaml': 'model: text-embedding-3-small\nsource: { path: data/words.csv }\ncustom_id: "e{{id}}"\ninput: ["{{word}}", "the {{word}}"]\n',
    });
    const result = await build({ cwd: dir, config: path.join(dir, 'batch.config.yaml') });
    expect(result.problems).toEqual([]);
    expect(result.manifest?.batches[0]?.shards.map((s) => [s.file, s.lines, s.first_custom_id])).toEqual([
      ['batch-00001.jsonl', 25_000, 'e0'],
      ['batch-00002.jsonl', 5_000, 'e25000'],
    ]);
  });
});
