/** validate on two threads (compiled worker, so dist/) finds exactly what one thread finds. */
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { expect, test } from 'vitest';
import { lintFiles } from '../../src/lint/index.js';
import { REPO } from '../support/tree.js';

type Lint = typeof lintFiles;
const { lintFiles: lintThreaded } = (await import(path.join(REPO, 'dist', 'lint', 'index.js'))) as { lintFiles: Lint };

test('every fixture file, good and bad, linted on two threads gives the same findings in the same order', async () => {
  const dir = path.join(REPO, 'test', 'fixtures', 'lint');
  const files = readdirSync(dir).filter((f) => f.endsWith('.jsonl')).sort();
  expect(files.length).toBeGreaterThan(10);
  const one = await lintFiles(files, { threads: false }, dir);
  const two = await lintThreaded(files, { threads: true }, dir);
  expect(two).toEqual(one);
  expect(one.findings.length).toBeGreaterThan(20);
});
