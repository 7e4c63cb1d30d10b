/**
 * The one per-row path. A group's rows (readRows → source.filter/offset/limit, rows.ts) are
 * rendered once per matrix variant ("lane"), and each request is checked — the provider's id
 * rule, the id unique across the whole fan-out, the size bound — into an outcome: the line with
 * its bytes and id, or a problem. build writes these, stats counts and places them, preview takes
 * the first few, collect filters one partition, and the duplicate naming reads them again: every
 * command sees the same requests because there is no other loop that makes them.
 *
 * Outcomes come per chunk of rows, in arrays: one await per chunk, not per row (at a million
 * rows a per-row await shows).
 */
import type { ResolvedBatch } from '../config/resolved.js';
import { E, type Problem } from '../errors/index.js';
import type { ByteSinkFor } from '../stages/load/index.js';
import type { Row } from '../stages/load/row.js';
import type { RequestPlan } from '../stages/render/plan.js';
import { RowError } from '../stages/render/template.js';
import { RequestValidator } from '../stages/validate/check-request.js';
import { UniqueIds } from '../stages/validate/unique-ids.js';
import type { PreparedGroup } from './prepare.js';
import { LineBuffer } from './line-buffer.js';
import { batchRows, type RowCounts } from './rows.js';

export interface Lane {
  /** the variant's position in the group (matrix order) */
  index: number;
  batch: ResolvedBatch;
  plan: RequestPlan;
  validator: RequestValidator;
}

export interface Accepted {
  lane: Lane;
  row: Row;
  id: string;
  /** the JSONL line, without newline */
  line: string;
  /** UTF-8 length of the line plus its newline */
  bytes: number;
  /** where the chunk's `encoded` bytes hold the line and its newline (a threaded run's; `line` is then empty) */
  at?: number;
  problem?: undefined;
  duplicate?: undefined;
}

export interface Rejected {
  lane: Lane;
  row: Row;
  problem: Problem;
  /** the rendered custom_id, when rendering got that far */
  id?: string;
  /** set when the problem is a duplicate custom_id */
  duplicate?: boolean;
  line?: undefined;
}

export type Outcome = Accepted | Rejected;

export interface OutcomeChunk {
  rows: Row[];
  /** per row, per lane, in that order: rows.length × lanes outcomes */
  outcomes: Outcome[];
  /** the accepted lines as UTF-8, each with its newline (Accepted.at), when asked for or drafted by a worker thread */
  encoded?: Buffer;
}

export interface OutcomeOptions {
  /** where the group's custom_ids are kept (default: all in memory) */
  ids?: UniqueIds;
  /** filled with the rows scanned and skipped */
  counts?: RowCounts;
  /** rows per chunk (preview asks for few, so that it stops reading early) */
  chunkRows?: number;
  /** sees the source bytes as they are read */
  onBytes?: ByteSinkFor;
  /**
   * keep the accepted lines as UTF-8 in the chunk's `encoded` (Accepted.at) rather than as strings:
   * for build, which only writes their bytes (valid until the next chunk is asked for)
   */
  encode?: boolean;
}

/** The group's variants as lanes, sharing one id set: ids are unique across the fan-out. */
export function lanesOf(group: PreparedGroup, ids: UniqueIds): Lane[] {
  return group.variants.map(({ batch, plan }, index) => ({
    index,
    batch,
    plan,
    validator: new RequestValidator(batch.provider.name, batch.provider.customId, batch.maxBytes, ids),
  }));
}

export async function* groupOutcomes(group: PreparedGroup, opts: OutcomeOptions = {}): AsyncGenerator<OutcomeChunk> {
  const lanes = lanesOf(group, opts.ids ?? new UniqueIds());
  const first = group.variants[0]!;
  const counts = opts.counts ?? { scanned: 0, skipped: 0 };
  const lines = opts.encode ? new LineBuffer(Buffer.allocUnsafeSlow(256 * 1024)) : undefined;
  for await (const rows of batchRows(first.batch, group.files, first.plan, counts, opts.chunkRows, opts.onBytes)) {
    const outcomes: Outcome[] = new Array<Outcome>(rows.length * lanes.length);
    let k = 0;
    lines?.clear();
    for (const row of rows) {
      for (const lane of lanes) {
        const d = draft(lane, row, lines?.target());
        const o = settle(lane, row, d);
        if (lines && o.problem === undefined) o.at = lines.keep(d as Extract<Draft, { line: string }>);
        outcomes[k++] = o;
      }
    }
    yield lines ? { rows, outcomes, encoded: lines.buf } : { rows, outcomes };
  }
}

/**
 * What a request's own row decides, in the order the checks apply: the row could not be read,
 * rendering failed, the id breaks the provider's rule — or the line, with its size checked but the
 * verdict held back: uniqueness comes first and needs every earlier id (settle, below). A worker
 * thread drafts requests (thread-outcomes.ts); this thread settles them, in row order.
 */
export type Draft =
  | {
      id: string;
      /** the JSONL line; '' when it was written into the caller's buffer (`end`) */
      line: string;
      /** UTF-8 bytes of the line and its newline */
      bytes: number;
      /** where the line ends in the buffer it was written into (draft's `into`), the newline not written */
      end?: number;
      tooLarge?: Problem;
      problem?: undefined;
    }
  | { problem: Problem; id?: string };

/** `into`: write the line's bytes into this buffer from `at` (a worker's drafts) when it fits, instead of returning it */
export function draft(lane: Lane, row: Row, into?: { buf: Buffer; at: number }): Draft {
  if (row.fault) return { problem: row.fault };
  let id: string;
  let line = '';
  let bytes: number;
  let end: number | undefined;
  try {
    const written = into && lane.plan.renderInto(row, into.buf, into.at);
    if (written) {
      id = written.customId;
      end = written.end;
      bytes = end - into!.at + 1;
    } else {
      const req = lane.plan.render(row);
      id = req.customId;
      line = req.line;
      bytes = Buffer.byteLength(line) + 1;
    }
  } catch (e) {
    if (!(e instanceof RowError)) throw e;
    return { problem: e.problem };
  }
  const rule = lane.validator.checkIdRule(id, row.origin);
  if (rule) return { id, problem: rule };
  const tooLarge = lane.validator.checkSize(id, bytes, row.origin);
  const d: Draft = { id, line, bytes, ...(end !== undefined && { end }) };
  if (tooLarge) d.tooLarge = tooLarge;
  return d;
}

/** The id unique across the fan-out (registered here, in row order), then the size. */
export function settle(lane: Lane, row: Row, d: Draft): Outcome {
  if (d.problem) return d.id === undefined ? { lane, row, problem: d.problem } : { lane, row, id: d.id, problem: d.problem };
  const { id } = d;
  const dup = lane.validator.checkUnique(id, row.origin);
  if (dup) return { lane, row, id, problem: dup, duplicate: true };
  if (d.tooLarge) return { lane, row, id, problem: d.tooLarge };
  return { lane, row, id, line: d.line, bytes: d.bytes };
}
