import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { expect, test } from 'vitest';
import { build } from '../../src/pipeline/build.js';
import { project } from '../support/project.js';

// 20,000 rows (~500 KB): more than one 64 KiB read, so a limit stops the loader mid-file
const CSV = 'id,q\n' + Array.from({ length: 20000 }, (_, i) => `${i + 1},question number ${i + 1} of the hashing test`).join('\n') + '\n';
const sha = (text: string) => createHash('sha256').update(text).digest('hex');
const manifestSources = (cwd: string) => JSON.parse(readFileSync(path.join(cwd, 'out/manifest.json'), 'utf8')).sources;

test.each([
  ['the whole file read', ''],
  ['a limit stops reading early', ', limit: 3'],
])('sources hashed from the bytes the loader read equal sha256 of the file: %s', async (_, extra) => {
  const cwd = project({
    'data/rows.csv': CSV,
    'batch.config.yaml': `model: m
source: { path: data/rows.csv${extra} }
custom_id: "q-{{id}}"
messages: [{ role: user, content: "{{q}}" }]
batches:
  - name: one
  - name: two
    model: other
`,
  });
  expect((await build({ cwd })).ok).toBe(true);
  expect(manifestSources(cwd)).toEqual([{ file: 'data/rows.csv', sha256: sha(CSV) }]);
});
