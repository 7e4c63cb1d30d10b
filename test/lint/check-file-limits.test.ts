import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Problem } from '../../src/errors/index.js';
import { lintFiles } from '../../src/lint/index.js';
import { checkFileLimits } from '../../src/lint/rules/check-file-limits.js';
import { resolveTarget } from '../../src/lint/target.js';

describe('checkFileLimits', () => {
  const run = (provider: string, bytes: number, requests: number) => {
    const out: string[] = [];
    checkFileLimits(resolveTarget(provider), bytes, requests, (line: number, v: Problem) => out.push(`${line} ${v.code}: ${v.message}`));
    return out;
  };

  it('reports bytes over the provider maximum on line 0', () => {
    expect(run('openai', 200_000_001, 10)).toEqual([
      '0 file-too-large: file is 200,000,001 bytes, over the openai limit of 200,000,000 bytes',
    ]);
    expect(run('openai', 200_000_000, 50_000)).toEqual([]);
  });

  it('reports requests over the provider maximum, and none where there is no limit', () => {
    expect(run('groq', 10, 50_001)).toEqual(['0 too-many-requests: file has 50,001 requests, over the groq limit of 50,000']);
    expect(run('doubleword', 10, 5_000_000)).toEqual([]);
    expect(run('vllm', 3e9, 5_000_000)).toEqual([]);
  });

  it('counts requests in a real file: 50,001 lines for openai', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bf-lint-'));
    const line = (i: number) =>
      `{"custom_id":"r${i}","method":"POST","url":"/v1/embeddings","body":{"model":"text-embedding-3-small","input":"x"}}\n`;
    fs.writeFileSync(path.join(dir, 'big.jsonl'), Array.from({ length: 50_001 }, (_, i) => line(i)).join(''));
    const result = await lintFiles(['big.jsonl'], {}, dir);
    expect(result.findings).toEqual([
      { code: 'too-many-requests', kind: 'data', severity: 'error', message: 'file has 50,001 requests, over the openai limit of 50,000', location: { file: 'big.jsonl' } },
      { code: 'too-many-inputs', kind: 'data', severity: 'error', message: 'file has 50,001 embedding inputs across its requests, over the openai limit of 50,000 per batch', location: { file: 'big.jsonl' } },
    ]);
    expect(result.files).toEqual([{ file: 'big.jsonl', lines: 50_001, bytes: fs.statSync(path.join(dir, 'big.jsonl')).size, provider: 'openai' }]);
  });
});
