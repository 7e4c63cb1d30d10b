import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';

const generate = (out: string) =>
  execFileSync('node', ['bench/generate.mjs', '--rows', '100', '--out', out, '--formats', 'csv,jsonl,records']);
const sha256 = (file: string) => createHash('sha256').update(readFileSync(file)).digest('hex');

describe('bench/generate.mjs', () => {
  const dir = mkdtempSync(join(tmpdir(), 'batchforge-generate-'));
  generate(join(dir, 'a'));
  generate(join(dir, 'b'));

  it('writes the same bytes on every run', () => {
    expect(sha256(join(dir, 'a', 'questions.csv'))).toBe(sha256(join(dir, 'b', 'questions.csv')));
    expect(sha256(join(dir, 'a', 'questions.jsonl'))).toBe(sha256(join(dir, 'b', 'questions.jsonl')));
  });

  it('writes the same 100 rows to the CSV and the JSONL copy', () => {
    const csv = parse(readFileSync(join(dir, 'a', 'questions.csv')), { columns: true }) as Record<string, string>[];
    const jsonl = readFileSync(join(dir, 'a', 'questions.jsonl'), 'utf8').trimEnd().split('\n')
      .map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(csv).toHaveLength(100);
    expect(csv).toEqual(jsonl.map((row) => ({ ...row, id: String(row.id) })));
  });

  it('puts commas, doubled quotes and a quoted newline into the contexts', () => {
    const text = readFileSync(join(dir, 'a', 'questions.csv'), 'utf8');
    expect(text).toContain('""');
    const csv = parse(text, { columns: true }) as Record<string, string>[];
    expect(csv.some((row) => row.context?.includes('\n'))).toBe(true);
    expect(csv.every((row) => row.context?.includes(','))).toBe(true);
  });

  it('writes records.jsonl: the same rows nested, with tags and few-shot examples, the same bytes every run', () => {
    expect(sha256(join(dir, 'a', 'records.jsonl'))).toBe(sha256(join(dir, 'b', 'records.jsonl')));
    const parse = (file: string) => readFileSync(join(dir, 'a', file), 'utf8').trimEnd().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
    const rows = parse('questions.jsonl');
    const records = parse('records.jsonl') as Array<{ id: number; meta: { topic: string }; question: string; tags: string[]; examples: unknown[] }>;
    expect(records.map((r) => [r.id, r.meta.topic, r.question])).toEqual(rows.map((r) => [r.id, r.topic, r.question]));
    expect(records.every((r) => r.tags.length >= 1 && r.examples.length >= 2)).toBe(true);
  });
});
