/**
 * preview: the first few requests of each batch (or the request of one source row), rendered and
 * checked as the build would, written nowhere. Reading stops as soon as the wanted rows are seen,
 * so a template change can be checked in a second on any source size.
 */
import path from 'node:path';
import { E, problem, type Problem } from '../errors/index.js';
import { batchRows } from '../pipeline/rows.js';
import { DEFAULT_CHUNK_ROWS } from '../stages/load/index.js';
import { formatOrigin, type Row } from '../stages/load/row.js';
import { RowError } from '../stages/render/template.js';
import type { Json } from '../stages/render/tree.js';
import { RequestValidator } from '../stages/validate/check-request.js';
import { displayPath } from '../util/paths.js';
import { loadPrepared, type ToolOptions } from './load-prepared.js';

export const DEFAULT_PREVIEW_COUNT = 3;

/** --row: a 1-based row position (@index + 1), or the source line a row starts on */
export type RowSelector = { position: number } | { file: string; line: number };

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

/** Parses --row: `14` or `data/questions.csv:15` (a file path relative to cwd). */
export function parseRowSelector(text: string, cwd: string): RowSelector | undefined {
  if (/^\d+$/.test(text)) return Number(text) >= 1 ? { position: Number(text) } : undefined;
  const m = /^(.+):(\d+)$/.exec(text);
  if (!m || Number(m[2]) < 1) return undefined;
  return { file: displayPath(path.resolve(cwd, m[1]!), cwd), line: Number(m[2]) };
}

export function formatRowSelector(s: RowSelector): string {
  return 'position' in s ? String(s.position) : `${s.file}:${s.line}`;
}

function matches(s: RowSelector, row: Row): boolean {
  return 'position' in s ? row.index + 1 === s.position : row.origin.line === s.line && row.origin.file === s.file;
}

export async function preview(opts: PreviewOptions = {}): Promise<PreviewResult> {
  const loaded = await loadPrepared(opts);
  if (!loaded.ok) return { ok: false, problems: loaded.problems, items: [] };
  const problems = [...loaded.problems];
  const items: PreviewItem[] = [];
  const want = opts.row ? 1 : Math.max(0, opts.count ?? DEFAULT_PREVIEW_COUNT);
  let mostRows = 0;
  for (const { batch, plan, files } of loaded.batches) {
    const validator = new RequestValidator(batch.provider.name, batch.provider.customId, batch.maxBytes);
    const firstUse = new Map<string, string>();
    let taken = 0;
    let seen = 0;
    if (want > 0) {
      // without --row, ask the loader for arrays of exactly the rows wanted: it then reads no further
      const chunkRows = opts.row ? undefined : Math.min(want, DEFAULT_CHUNK_ROWS);
      outer: for await (const chunk of batchRows(batch, files, plan, { scanned: 0, skipped: 0 }, chunkRows)) {
        for (const row of chunk) {
          seen++;
          if (opts.row && !matches(opts.row, row)) continue;
          items.push(renderItem(batch.name, row, plan, validator, firstUse));
          if (++taken >= want) break outer;
        }
      }
    }
    mostRows = Math.max(mostRows, seen);
  }
  if (opts.row && items.length === 0) {
    problems.push(problem(E.PreviewRowNotFound, { row: formatRowSelector(opts.row), rows: mostRows }));
  }
  const ok = !problems.some((p) => p.severity === 'error') && !items.some((i) => i.problem);
  return { ok, problems, items };
}

function renderItem(
  batch: string,
  row: Row,
  plan: Parameters<typeof batchRows>[2],
  validator: RequestValidator,
  firstUse: Map<string, string>,
): PreviewItem {
  const origin = formatOrigin(row.origin);
  if (row.fault) return { batch, origin, problem: row.fault };
  let req;
  try {
    req = plan.render(row);
  } catch (e) {
    if (!(e instanceof RowError)) throw e;
    return { batch, origin, problem: e.problem };
  }
  const bytes = Buffer.byteLength(req.line) + 1;
  let p = validator.checkId(req.customId, row.origin) ?? validator.checkSize(req.customId, bytes, row.origin);
  if (p?.code === E.CustomIdDuplicate.code) {
    p = problem(E.CustomIdDuplicate, { id: req.customId, first: firstUse.get(req.customId) ?? 'an earlier row' }, row.origin);
  }
  if (!firstUse.has(req.customId)) firstUse.set(req.customId, origin);
  if (p) return { batch, origin, customId: req.customId, problem: p };
  return { batch, origin, customId: req.customId, request: JSON.parse(req.line) as Json };
}
