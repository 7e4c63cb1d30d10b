/**
 * What a group's rows became on the render thread, in order: accepted requests as their lines'
 * UTF-8 bytes in one buffer, and rejected requests, packed per chunk of rows so that they cross
 * the thread boundary cheaply: the buffer is transferred, not copied, and the writing thread only
 * copies bytes into its shards (see render-worker.ts).
 */
import type { Problem } from '../errors/index.js';
import type { TextSource } from '../stages/load/index.js';
import type { Origin, Row } from '../stages/load/row.js';
import type { RenderedValues } from '../stages/render/plan.js';
import type { UniqueIds } from '../stages/validate/unique-ids.js';
import { GroupRenderer, type Lane, type ValueSink } from './group-renderer.js';
import type { PreparedGroup } from './prepare.js';
import { batchRows, type RowCounts } from './rows.js';

export interface RejectRecord {
  lane: number;
  problem: Problem;
  origin: Origin;
  index: number;
  data: Record<string, unknown>;
  /** the text of a row that could not be read */
  raw?: string;
  /** the row itself was unreadable (problem is its fault) */
  fault?: boolean;
  /** set when the problem is a duplicate custom_id */
  duplicateId?: string;
}

export interface OutcomeBatch {
  /** source rows in this batch */
  rows: number;
  /** per request, in order: its lane (matrix variant) and whether it was accepted */
  lanes: number[];
  accepted: boolean[];
  /** accepted requests' lines, newlines included, back to back (a Uint8Array once it crossed threads) */
  text: Uint8Array<ArrayBuffer>;
  /** accepted requests, in order: the UTF-8 length of each line (newline included) and its id */
  sizes: number[];
  ids: string[];
  /** rejected requests, in order */
  rejects: RejectRecord[];
}

/**
 * Buffers for batches' text that came back from the writing thread, to be filled again: the
 * same few buffers go round instead of a new one per batch (external memory is only freed by a
 * GC, so fresh buffers piled up: ~40 MB per thread at 1M rows).
 */
export class BufferPool {
  private readonly free: ArrayBuffer[] = [];

  give(buffer: ArrayBuffer): void {
    this.free.push(buffer);
  }

  /** a buffer of at least `bytes`, its own (not Node's shared pool), so that it can be transferred */
  take(bytes: number): Buffer<ArrayBuffer> {
    let ab = this.free.pop();
    while (ab && ab.byteLength < bytes) ab = this.free.pop();
    return ab ? Buffer.from(ab) : Buffer.allocUnsafeSlow(bytes);
  }
}

/** A sink that packs what it is told into OutcomeBatches. */
class Packer implements ValueSink {
  batch: OutcomeBatch & { text: Buffer<ArrayBuffer> };
  private readonly laneIndex: Map<Lane, number>;
  /** bytes of text used in batch */
  private used = 0;
  /** the biggest text so far, with room to spare, to size the next batch's buffer */
  private typical = 64 * 1024;

  constructor(
    lanes: readonly Lane[],
    private readonly pool: BufferPool,
  ) {
    this.laneIndex = new Map(lanes.map((l, i) => [l, i]));
    this.batch = this.empty();
  }

  private empty(): OutcomeBatch & { text: Buffer<ArrayBuffer> } {
    return { rows: 0, lanes: [], accepted: [], text: this.pool.take(this.typical), sizes: [], ids: [], rejects: [] };
  }

  acceptValues(lane: Lane, _row: Row, req: RenderedValues, bound: number): void {
    const b = this.batch;
    b.lanes.push(this.laneIndex.get(lane)!);
    b.accepted.push(true);
    if (this.used + bound > b.text.length) {
      const text = this.pool.take(Math.max(2 * b.text.length, this.used + bound));
      b.text.copy(text, 0, 0, this.used);
      b.text = text;
    }
    const n = b.text.write(lane.plan.join(req.values), this.used) + 1;
    b.text[this.used + n - 1] = 0x0a;
    this.used += n;
    b.sizes.push(n);
    b.ids.push(req.customId);
  }

  reject(lane: Lane, row: Row, problem: Problem, duplicateId?: string): void {
    const b = this.batch;
    b.lanes.push(this.laneIndex.get(lane)!);
    b.accepted.push(false);
    const rec: RejectRecord = { lane: this.laneIndex.get(lane)!, problem, origin: row.origin, index: row.index, data: row.data };
    if (row.fault) rec.fault = true;
    if (row.raw !== undefined) rec.raw = row.raw;
    if (duplicateId !== undefined) rec.duplicateId = duplicateId;
    b.rejects.push(rec);
  }

  take(): OutcomeBatch {
    const b: OutcomeBatch = this.batch;
    b.text = b.text.subarray(0, this.used);
    this.typical = Math.max(this.typical, Math.ceil(this.used * 1.25));
    this.used = 0;
    this.batch = this.empty();
    return b;
  }
}

/** The group's outcomes, rendered and checked in this (the render) thread. */
export async function* groupOutcomes(
  group: PreparedGroup,
  counts: RowCounts,
  ids?: UniqueIds,
  pool = new BufferPool(),
  text?: TextSource,
): AsyncGenerator<OutcomeBatch> {
  const renderer = new GroupRenderer(group, ids);
  const packer = new Packer(renderer.lanes, pool);
  const first = group.variants[0]!;
  for await (const chunk of batchRows(first.batch, group.files, first.plan, counts, undefined, text)) {
    for (const row of chunk) renderer.processValues(row, packer);
    const batch = packer.take();
    batch.rows = chunk.length;
    yield batch;
  }
}

/** A rejected request as the Row the rejects file and the reports expect. */
export function rowOf(rec: RejectRecord): Row {
  const row: Row = { data: rec.data, origin: rec.origin, index: rec.index };
  if (rec.fault) row.fault = rec.problem;
  if (rec.raw !== undefined) row.raw = rec.raw;
  return row;
}
