/**
 * preview: the first few rows' requests of each batch (or the requests of one source row), taken
 * from the build's own outcome stream (pipeline/outcomes.ts): rendered and checked as the build
 * would, ids unique across the matrix fan-out, written nowhere. Reading stops as soon as the wanted rows are seen,
 * so a template change can be checked in a second on any source size.
 */
import path from 'node:path';
import { E, problem, type Problem } from '../errors/index.js';
import { duplicateProblem, firstUses } from '../pipeline/name-duplicates.js';
import { groupOutcomes, type Outcome } from '../pipeline/outcomes.js';
import type { RowCounts } from '../pipeline/rows.js';
import { DEFAULT_CHUNK_ROWS } from '../stages/load/index.js';
import { formatOrigin, type Row } from '../stages/load/row.js';
import type { Json } from '../stages/render/tree.js';
import { displayPath } from '../util/paths.js';
import { loadPrepared, type ToolOptions } from './load-prepared.js';

export const DEFAULT_PREVIEW_COUNT = 3;

/**
 * --row: a 1-based row position (@index + 1), the source line a row starts on, or a Parquet
 * file's row number (`row: true`), as origins are written
 */
export type RowSelector = { position: number } | { file: string; line: number; row?: true };

export interface PreviewOptions extends ToolOptions {
  /** requests per batch (default 3); ignored with `row` */
  count?: number;
  row?: RowSelector;
}

export interface PreviewItem {
  batch: string;
  /** `data/questions.csv:2` */
  origin: string;
  customId?: string;
  /** the whole JSONL line as a value, when the row rendered and passed the checks */
  request?: Json;
  /** why the row would be rejected by the build */
  problem?: Problem;
}

export interface PreviewResult {
  ok: boolean;
  /** config and usage problems (row problems are on their items) */
  problems: Problem[];
  items: PreviewItem[];
}

/**
 * Parses --row: `14`, `data/questions.csv:15` or `data/train.parquet:row 1234` (a file path
 * relative to cwd; the forms origins are written in).
 */
export function parseRowSelector(text: string, cwd: string): RowSelector | undefined {
  if (/^\d+$/.test(text)) return Number(text) >= 1 ? { position: Number(text) } : undefined;
  const m = /^(.+):(row )?(\d+)$/.exec(text);
  if (!m || Number(m[3]) < 1) return undefined;
  const file = displayPath(path.resolve(cwd, m[1]!), cwd);
  return m[2] ? { file, line: Number(m[3]), row: true } : { file, line: Number(m[3]) };
}

export function formatRowSelector(s: RowSelector): string {
  return 'position' in s ? String(s.position) : formatOrigin(s);
}

/** `FILE:row N` names a Parquet row only; `FILE:N` a line, or a Parquet row as before the row form */
function matches(s: RowSelector, row: Row): boolean {
  if ('position' in s) return row.index + 1 === s.position;
  return row.origin.line === s.line && row.origin.file === s.file && (!s.row || row.origin.row === true);
}

export async function preview(opts: PreviewOptions = {}): Promise<PreviewResult> {
  const loaded = await loadPrepared(opts);
  if (!loaded.ok) return { ok: false, problems: loaded.problems, items: [] };
  const problems = [...loaded.problems];
  const items: PreviewItem[] = [];
  const want = opts.row ? 1 : Math.max(0, opts.count ?? DEFAULT_PREVIEW_COUNT);
  let mostRows = 0;
  let fails = false;
  for (const group of loaded.groups) {
    const taken: Outcome[] = [];
    let seen = 0;
    // the loader's warnings on the rows read (bytes invalid in a file's encoding), as the build reports them
    const counts: RowCounts = { scanned: 0, skipped: 0, warnings: [] };
    if (want > 0) {
      // without --row, ask the loader for arrays of exactly the rows wanted: it then reads no further
      const chunkRows = opts.row ? undefined : Math.min(want, DEFAULT_CHUNK_ROWS);
      outer: for await (const { rows, outcomes } of groupOutcomes(group, { counts, ...(chunkRows !== undefined && { chunkRows }) })) {
        const lanes = outcomes.length / rows.length;
        for (let r = 0; r < rows.length; r++) {
          seen++;
          if (opts.row && !matches(opts.row, rows[r]!)) continue;
          taken.push(...outcomes.slice(r * lanes, (r + 1) * lanes));
          if (seen >= want && !opts.row) break outer;
          if (opts.row) break outer;
        }
      }
    }
    problems.push(...counts.warnings!);
    mostRows = Math.max(mostRows, seen);
    // a duplicate is named with the row that used its id first, as the build names it
    const dups = new Set(taken.flatMap((o) => (o.duplicate ? [o.id!] : [])));
    const first = await firstUses(group, dups, {});
    // batch by batch (matrix variants in order), then row by row, as the build's shards list them
    const ordered = [...taken].sort((a, b) => a.lane.index - b.lane.index);
    for (const o of ordered) {
      if (!loaded.shows(o.lane.batch.name)) continue;
      const item = itemOf(o, first);
      if (item.problem && o.lane.batch.onError === 'fail') fails = true;
      items.push(item);
    }
  }
  if (opts.row && items.length === 0) {
    problems.push(problem(E.PreviewRowNotFound, { row: formatRowSelector(opts.row), rows: mostRows }));
  }
  // the exit code a build would have: a bad request fails it unless on_error is skip
  const ok = !problems.some((p) => p.severity === 'error') && !fails;
  return { ok, problems, items };
}

function itemOf(o: Outcome, first: Map<string, string>): PreviewItem {
  const base = { batch: o.lane.batch.name, origin: formatOrigin(o.row.origin) };
  if (o.problem === undefined) return { ...base, customId: o.id, request: JSON.parse(o.line) as Json };
  const p = o.duplicate ? duplicateProblem(o.id!, o.row.origin, first.get(o.id!)) : o.problem;
  return { ...base, ...(o.id !== undefined && { customId: o.id }), problem: p };
}
