/**
 * What a group's rows became on the render thread, in order: accepted requests as their
 * JSON-escaped hole values, and rejected requests, packed into plain arrays per chunk of rows so
 * that they cross the thread boundary cheaply (see render-worker.ts).
 */
import type { Problem } from '../errors/index.js';
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
  /** accepted requests, in order: their JSON-escaped hole values, flat, and their ids */
  values: string[];
  ids: string[];
  /** rejected requests, in order */
  rejects: RejectRecord[];
}

/** A sink that packs what it is told into OutcomeBatches. */
class Packer implements ValueSink {
  batch: OutcomeBatch = Packer.empty();
  private readonly laneIndex: Map<Lane, number>;

  constructor(lanes: readonly Lane[]) {
    this.laneIndex = new Map(lanes.map((l, i) => [l, i]));
  }

  static empty(): OutcomeBatch {
    return { rows: 0, lanes: [], accepted: [], values: [], ids: [], rejects: [] };
  }

  acceptValues(lane: Lane, _row: Row, req: RenderedValues): void {
    const b = this.batch;
    b.lanes.push(this.laneIndex.get(lane)!);
    b.accepted.push(true);
    for (const v of req.values) b.values.push(v);
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
    const b = this.batch;
    this.batch = Packer.empty();
    return b;
  }
}

/** The group's outcomes, rendered and checked in this (the render) thread. */
export async function* groupOutcomes(group: PreparedGroup, counts: RowCounts, ids?: UniqueIds): AsyncGenerator<OutcomeBatch> {
  const renderer = new GroupRenderer(group, ids);
  const packer = new Packer(renderer.lanes);
  const first = group.variants[0]!;
  for await (const chunk of batchRows(first.batch, group.files, first.plan, counts)) {
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
