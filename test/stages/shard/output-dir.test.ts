import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { commitOutput, diffOutput, isForeignDir, makeTempDir } from '../../../src/stages/shard/output-dir.js';
import { project, readTexts } from '../../support/project.js';
import { writeTree } from '../../support/tree.js';

describe('atomic output', () => {
  test('commit replaces out/, drops stale shards and keeps the lifecycle files', () => {
    const root = project({
      'out/manifest.json': '{}',
      'out/batch-00001.jsonl': 'old1\n',
      'out/batch-00002.jsonl': 'old2\n',
      'out/submit-state.json': '{"shards":[]}',
      'out/retry/batch-00001.jsonl': 'r\n',
    });
    const out = path.join(root, 'out');
    const tmp = makeTempDir(out);
    writeTree({ 'manifest.json': '{"new":1}', 'batch-00001.jsonl': 'new1\n' }, tmp);
    commitOutput(tmp, out);
    expect(readTexts(out)).toEqual({
      'batch-00001.jsonl': 'new1\n',
      'manifest.json': '{"new":1}',
      'retry/batch-00001.jsonl': 'r\n',
      'submit-state.json': '{"shards":[]}',
    });
    expect(readdirSync(root)).toEqual(['out']);
  });

  test('commit creates out/ and its parents when missing', () => {
    const root = project({});
    const out = path.join(root, 'a', 'b', 'out');
    const tmp = makeTempDir(path.join(root, 'out'));
    writeTree({ 'manifest.json': '{}' }, tmp);
    commitOutput(tmp, out);
    expect(readFileSync(path.join(out, 'manifest.json'), 'utf8')).toBe('{}');
    expect(existsSync(tmp)).toBe(false);
  });

  test('diff names new, changed and gone files, ignoring lifecycle files', () => {
    const root = project({ 'out/a.jsonl': 'same\n', 'out/b.jsonl': 'old\n', 'out/c.jsonl': 'x\n', 'out/submit-state.json': '{}' });
    const tmp = makeTempDir(path.join(root, 'out'));
    writeTree({ 'a.jsonl': 'same\n', 'b.jsonl': 'new\n', 'd.jsonl': 'd\n' }, tmp);
    expect(diffOutput(tmp, path.join(root, 'out'))).toEqual(['~b.jsonl', '+d.jsonl', '-c.jsonl']);
  });

  test('a non-empty folder without a manifest is not ours', () => {
    const root = project({ 'docs/readme.md': 'x', 'out/manifest.json': '{}' });
    expect(isForeignDir(path.join(root, 'docs'))).toBe(true);
    expect(isForeignDir(path.join(root, 'out'))).toBe(false);
    expect(isForeignDir(path.join(root, 'missing'))).toBe(false);
  });
});
