import { describe, expect, test } from 'vitest';
import { classifyManifest, ownedFiles } from '../../../src/stages/shard/own-manifest.js';
import type { Manifest } from '../../../src/stages/shard/manifest.js';

describe('a manifest is batchforge\'s only when it says so', () => {
  test('tool and format, or a pre-format manifest with tool, version and batches', () => {
    const kind = (o: unknown) => classifyManifest(JSON.stringify(o)).kind;
    expect(kind({ tool: 'batchforge', version: '0.1.0', format: 1, batches: [] })).toBe('ours');
    expect(kind({ tool: 'batchforge', version: '0.1.0', batches: [] })).toBe('ours');
    expect(kind({ tool: 'batchforge', version: '9.0.0', format: 2, batches: [] })).toBe('newer');
    expect(kind({ name: 'My app', start_url: '/' })).toBe('foreign');
    expect(kind({ tool: 'batchforge', format: '1', batches: [] })).toBe('foreign');
    expect(kind([])).toBe('foreign');
    expect(classifyManifest('{ not json').kind).toBe('foreign');
  });

  test('owns the files it lists and its pending names, never a path outside the folder', () => {
    const m = {
      batches: [{ shards: [{ file: 'a-00001.jsonl', ids_file: 'a-00001.ids.txt' }, { file: '../escape.jsonl' }, { file: 'sub/x.jsonl' }] }],
      rejects: { file: 'rejects.jsonl', lines: 1 },
      pending: ['a-00002.jsonl', '..'],
    } as unknown as Manifest;
    expect([...ownedFiles(m)].sort()).toEqual(['a-00001.ids.txt', 'a-00001.jsonl', 'a-00002.jsonl', 'rejects.jsonl']);
  });
});
