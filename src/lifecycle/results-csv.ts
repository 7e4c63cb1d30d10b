/**
 * results.csv from results.jsonl: the source columns (the union of every row's fields, in the
 * order first seen) then custom_id, status, answer, error, spreadsheet-safe (see neutralize). Two streaming passes over
 * results.jsonl keep memory bounded whatever the row count.
 */
import { readLines } from './files.js';
import { lineWriter } from './line-writer.js';
import type { ResultLine } from './collect.js';

/**
 * A text cell a spreadsheet would run as a formula (starting with =, +, -, @, tab or carriage
 * return: a model's answer can be `=IMPORTXML(…)` after a prompt injection) gets a leading `'`,
 * as OWASP's CSV-injection guidance says; spreadsheets show the text without running it.
 * results.jsonl keeps the exact text. Numbers and booleans from JSON sources are not text and
 * stay as they are.
 */
export function neutralize(s: string): string {
  return /^[=+\-@\t\r]/.test(s) ? `'${s}` : s;
}

export function csvField(v: unknown): string {
  const s = v === null || v === undefined ? '' : typeof v === 'string' ? neutralize(v) : typeof v === 'object' ? neutralize(JSON.stringify(v)) : String(v);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export async function writeResultsCsv(jsonlPath: string, csvPath: string): Promise<void> {
  const columns = new Set<string>();
  for await (const line of readLines(jsonlPath)) {
    if (line) for (const k of Object.keys((JSON.parse(line) as ResultLine).row)) columns.add(k);
  }
  const source = [...columns];
  const out = lineWriter(csvPath);
  try {
    await out.write([...source, 'custom_id', 'status', 'answer', 'error'].map(csvField).join(','));
    for await (const line of readLines(jsonlPath)) {
      if (!line) continue;
      const r = JSON.parse(line) as ResultLine;
      const answer = r.answer ?? r.embedding ?? null;
      const error = r.error ? `${r.error.code}: ${r.error.message}` : '';
      await out.write([...source.map((k) => r.row[k]), r.custom_id, r.status, answer, error].map(csvField).join(','));
    }
    await out.close();
  } catch (e) {
    await out.abort();
    throw e;
  }
}
