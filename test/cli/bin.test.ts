/** The installed bin runs as a program: executable, with a node shebang (npx batchforge needs both). */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { expect, test } from 'vitest';
import { REPO } from '../support/tree.js';

test('dist/cli/main.js runs on its own and prints the package version', () => {
  const bin = path.join(REPO, 'dist', 'cli', 'main.js');
  const version = (JSON.parse(readFileSync(path.join(REPO, 'package.json'), 'utf8')) as { version: string }).version;
  const r = spawnSync(bin, ['--version'], { encoding: 'utf8' });
  expect(r.error).toBeUndefined();
  expect([r.status, r.stdout]).toEqual([0, `${version}\n`]);
});

test('an unknown command exits 2 with a suggestion, and no stack trace', () => {
  const r = spawnSync(path.join(REPO, 'dist', 'cli', 'main.js'), ['biuld'], { encoding: 'utf8' });
  expect(r.status).toBe(2);
  expect(r.stderr).toBe('unknown command "biuld" (did you mean "build"?)\n  hint: run `batchforge --help` to list the commands\n');
});
