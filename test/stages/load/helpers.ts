import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { BatchforgeError, formatProblem } from '../../../src/errors/index.js';
import { CsvParser, type CsvRecordParser } from '../../../src/stages/load/csv-parser.js';
import { readRows, type CsvOptions, type ReadOptions, type Row, type SourceFile, type SourceFormat } from '../../../src/stages/load/index.js';

import { tempDir } from '../../support/tree.js';
import { prng } from '../../support/prng.js';

export { prng, tempDir };

/** writes `content` to a fresh temp file and describes it as a source */
export function sourceFile(name: string, content: string | Buffer, format: SourceFormat): SourceFile {
  const path = join(tempDir(), name);
  writeFileSync(path, content);
  return { path, display: `data/${name}`, format };
}

export async function collect(files: SourceFile[], opts?: ReadOptions): Promise<Row[]> {
  const rows: Row[] = [];
  for await (const chunk of readRows(files, opts)) rows.push(...chunk);
  return rows;
}

export type Parsed = Array<{ line: number; fields: string[]; raw: string } | { fault: string; line: number; column: number; raw: string }>;

/** runs the fast CSV state machine over `text` fed in pieces cut at `cuts` (ascending offsets) */
export function parseCsv(text: string, cuts: number[] = [], delimiter = ','): Parsed {
  const out: Parsed = [];
  const parser = new CsvParser(delimiter, {
    record: (fields, line, t, start, end) => out.push({ line, fields: [...fields], raw: t.slice(start, end) }),
    fault: (fault, line, column, raw) => out.push({ fault, line, column, raw }),
  });
  feedInPieces(parser, text, cuts);
  return out;
}

/** pushes `text` into a CSV parser in pieces cut at `cuts` (ascending offsets), then ends it */
export function feedInPieces(parser: CsvRecordParser, text: string, cuts: number[]): void {
  let last = 0;
  for (const cut of cuts) {
    parser.push(text.slice(last, cut));
    last = cut;
  }
  parser.push(text.slice(last));
  parser.end();
}

/** rows as plain data for exact comparisons: origin line, index, and the data or the fault's text */
export function plain(rows: Row[], opts: { hints?: boolean } = {}) {
  return rows.map((r) =>
    r.fault
      ? { line: r.origin.line, index: r.index, fault: formatProblem(r.fault, opts), raw: r.raw }
      : { line: r.origin.line, index: r.index, data: r.data },
  );
}

/** the problems a promise is rejected with, as `[kind] text` lines */
export async function thrown(p: Promise<unknown>): Promise<string> {
  try {
    await p;
  } catch (e) {
    if (e instanceof BatchforgeError) return e.problems.map((x) => `[${x.kind}] ${formatProblem(x)}`).join('\n');
    throw e;
  }
  throw new Error('expected a BatchforgeError');
}

/** a CSV file's rows read with these source options, as plain data (faults as their first line) */
export async function csvRows(text: string | Buffer, csv: CsvOptions = {}, name = 'x.csv'): Promise<Array<Record<string, unknown>>> {
  const rows = await collect([sourceFile(name, text, name.endsWith('.tsv') ? 'tsv' : 'csv')], { csv });
  return rows.map((r) => (r.fault ? { line: r.origin.line, fault: formatProblem(r.fault).split('\n')[0] } : { line: r.origin.line, ...r.data }));
}
