/** results.csv is opened in spreadsheets: formula-looking text is neutralized, results.jsonl keeps it exact. */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { describe, expect, test } from 'vitest';
import { csvField, neutralize, writeResultsCsv } from '../../src/lifecycle/results-csv.js';
import { tempDir } from '../support/tree.js';

describe('neutralize', () => {
  test('text starting with = + - @ tab or CR gets a leading quote, as OWASP says; other text and non-text stay', () => {
    const cells = ['=IMPORTXML("http://x","//a")', '+1+2', '-2+3', '@SUM(A1)', '\t=1', '\r=1', 'plain', 'a=b', ''];
    expect(cells.map(neutralize)).toEqual(["'=IMPORTXML(\"http://x\",\"//a\")", "'+1+2", "'-2+3", "'@SUM(A1)", "'\t=1", "'\r=1", 'plain', 'a=b', '']);
    expect([csvField(-3), csvField(true), csvField('=1,2')]).toEqual(['-3', 'true', '"\'=1,2"']);
  });
});

describe('writeResultsCsv', () => {
  test('a prompt-injected answer is inert in results.csv and exact in results.jsonl', async () => {
    const dir = tempDir();
    const jsonl = path.join(dir, 'results.jsonl');
    const line = { custom_id: 'q-1', origin: 'data/q.csv:2', row: { q: '-5 apples?' }, status: 'succeeded', answer: '=HYPERLINK("http://evil","click")', usage: null, error: null };
    writeFileSync(jsonl, JSON.stringify(line) + '\n');
    await writeResultsCsv(jsonl, path.join(dir, 'results.csv'));
    const rows = parse(readFileSync(path.join(dir, 'results.csv'), 'utf8'), { columns: true }) as Array<Record<string, string>>;
    expect(rows).toEqual([{ q: "'-5 apples?", custom_id: 'q-1', status: 'succeeded', answer: '\'=HYPERLINK("http://evil","click")', error: '' }]);
    expect((JSON.parse(readFileSync(jsonl, 'utf8')) as { answer: string }).answer).toBe('=HYPERLINK("http://evil","click")');
  });
});
