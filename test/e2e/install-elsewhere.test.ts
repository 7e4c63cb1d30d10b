/**
 * The README's "use batchforge from your own project folder", done as a user would: pack this
 * repository, install the tarball into an empty project, then `npx batchforge init` and
 * `npx batchforge build` there. Dependencies come from npm's cache (filled by this repository's
 * own `npm ci`), the registry only for what is missing. dist/ is built by `npm test` first.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { expect, test } from 'vitest';
import { REPO, tempDir } from '../support/tree.js';

const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
const { version } = JSON.parse(readFileSync(path.join(REPO, 'package.json'), 'utf8')) as { version: string };

test('npm pack, install into another folder, npx batchforge init && npx batchforge build', () => {
  const packs = tempDir();
  execFileSync(npm, ['pack', '--ignore-scripts', '--silent', '--pack-destination', packs], { cwd: REPO });
  const tarball = path.join(packs, `batchforge-${version}.tgz`);
  expect(existsSync(tarball)).toBe(true);

  const project = tempDir();
  writeFileSync(path.join(project, 'package.json'), '{ "name": "my-project", "version": "1.0.0", "private": true }\n');
  execFileSync(npm, ['install', '--save-dev', '--prefer-offline', '--no-audit', '--no-fund', '--loglevel=error', tarball], { cwd: project });

  const npx = (...args: string[]) => spawnSync(npm, ['exec', '--no', '--', 'batchforge', ...args], { cwd: project, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1', CI: '1' } });
  const init = npx('init');
  expect([init.status, init.stderr.split('\n').at(-2)]).toEqual([0, 'next: npx batchforge preview, then npx batchforge build']);
  const built = npx('build');
  expect([built.status, built.stderr.split('\n').at(-2)]).toEqual([0, expect.stringMatching(/^built out\/ in \d+\.\d\d s$/)]);
  expect(readFileSync(path.join(project, 'out/batch-00001.jsonl'), 'utf8').split('\n')).toHaveLength(6);
  expect(readFileSync(path.join(project, '.gitignore'), 'utf8')).toContain('\nout/\n');
}, 180_000);
