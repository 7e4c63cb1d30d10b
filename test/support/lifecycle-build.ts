/**
 * Writes a small build (shards + manifest.json, in the format of src/stages/shard/manifest.ts)
 * into a temp dir for the lifecycle tests, and the source requests the pipeline would re-stream.
 */
import { createHash } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { SourceRequest } from '../../src/lifecycle/collect.js';
import type { Manifest, ShardInfo } from '../../src/stages/shard/manifest.js';

export interface TestRow {
  id: string;
  text: string;
}

export interface TestBuild {
  dir: string;
  manifest: Manifest;
  /** the source requests in output order */
  requests: SourceRequest[];
  /** shard file → its lines (without \n) */
  lines: Map<string, string[]>;
}

export const ROWS: TestRow[] = [
  { id: '1', text: 'alpha' },
  { id: '2', text: 'beta, "quoted"' },
  { id: '3', text: 'gamma' },
  { id: '4', text: 'delta\nsecond line' },
  { id: '5', text: 'epsilon' },
];

export function lineFor(provider: string, row: TestRow): string {
  const customId = `req-${row.id}`;
  if (provider === 'anthropic') {
    return JSON.stringify({ custom_id: customId, params: { model: 'claude-test', max_tokens: 64, messages: [{ role: 'user', content: row.text }] } });
  }
  return JSON.stringify({ custom_id: customId, method: 'POST', url: '/v1/chat/completions', body: { model: 'gpt-test', messages: [{ role: 'user', content: row.text }] } });
}

export function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

export function shardInfo(file: string, lines: string[]): ShardInfo {
  const text = lines.map((l) => l + '\n').join('');
  const first = JSON.parse(lines[0]!) as { custom_id: string };
  const last = JSON.parse(lines.at(-1)!) as { custom_id: string };
  return { file, lines: lines.length, bytes: Buffer.byteLength(text), sha256: sha256(text), first_custom_id: first.custom_id, last_custom_id: last.custom_id };
}

/** Rows split into shards of `shardSize` lines: batch-00001.jsonl, batch-00002.jsonl, … */
export function makeBuild(opts: { provider?: string; rows?: TestRow[]; shardSize?: number; dir?: string } = {}): TestBuild {
  const provider = opts.provider ?? 'openai';
  const rows = opts.rows ?? ROWS;
  const shardSize = opts.shardSize ?? 3;
  const dir = opts.dir ?? mkdtempSync(join(tmpdir(), 'batchforge-lifecycle-'));
  const lines = new Map<string, string[]>();
  const shards: ShardInfo[] = [];
  for (let i = 0; i < rows.length; i += shardSize) {
    const file = `batch-${String(shards.length + 1).padStart(5, '0')}.jsonl`;
    const shardLines = rows.slice(i, i + shardSize).map((r) => lineFor(provider, r));
    writeFileSync(join(dir, file), shardLines.map((l) => l + '\n').join(''));
    lines.set(file, shardLines);
    shards.push(shardInfo(file, shardLines));
  }
  const manifest: Manifest = {
    tool: 'batchforge',
    version: '0.1.0',
    config: { file: 'batch.config.yaml', sha256: sha256('config') },
    sources: [{ file: 'data/rows.csv', sha256: sha256('rows') }],
    templates: [],
    batches: [
      {
        name: 'batch',
        provider,
        endpoint: provider === 'anthropic' ? '/v1/messages' : '/v1/chat/completions',
        model: provider === 'anthropic' ? 'claude-test' : 'gpt-test',
        rows: rows.length,
        requests: rows.length,
        rejected: 0,
        shards,
      },
    ],
  };
  writeFileSync(join(dir, 'manifest.json'), JSON.stringify(manifest, null, 2) + '\n');
  const requests = rows.map((r, i) => ({ customId: `req-${r.id}`, origin: { file: 'data/rows.csv', line: i + 2 }, data: { ...r } }));
  return { dir, manifest, requests, lines };
}

export async function* streamOf<T>(items: T[]): AsyncGenerator<T> {
  for (const item of items) yield item;
}
