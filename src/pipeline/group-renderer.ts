/**
 * The decisions of one group, row by row: render the row once per variant ("lane"), check the
 * id and size, and report each request as accepted or rejected. Both the build (which writes the
 * accepted lines) and streamRequests (which re-yields them for collect) run rows through this,
 * so the two can never disagree about which requests a build wrote.
 */
import type { ResolvedBatch } from '../config/resolved.js';
import { E, type Problem } from '../errors/index.js';
import type { Row } from '../stages/load/row.js';
import type { RenderedRequest, RequestPlan } from '../stages/render/plan.js';
import { RowError } from '../stages/render/template.js';
import { RequestValidator } from '../stages/validate/check-request.js';
import { UniqueIds } from '../stages/validate/unique-ids.js';
import type { PreparedGroup } from './prepare.js';

export interface Lane {
  batch: ResolvedBatch;
  plan: RequestPlan;
  validator: RequestValidator;
}

export interface RowSink {
  /** `bytes`: UTF-8 length of the line plus its newline */
  accept(lane: Lane, row: Row, req: RenderedRequest, bytes: number): void;
  reject(lane: Lane, row: Row, p: Problem, duplicateId?: string): void;
}

export class GroupRenderer {
  readonly lanes: Lane[];

  /** `ids`: where the group's custom_ids are kept (in memory, unbounded, by default) */
  constructor(
    group: PreparedGroup,
    readonly ids: UniqueIds = new UniqueIds(),
  ) {
    this.lanes = group.variants.map(({ batch, plan }) => ({
      batch,
      plan,
      validator: new RequestValidator(batch.provider.name, batch.provider.customId, batch.maxBytes, ids),
    }));
  }

  process(row: Row, sink: RowSink): void {
    for (const lane of this.lanes) {
      const req = this.render(lane, row, sink, (l, r) => l.plan.render(r));
      if (!req) continue;
      const bytes = Buffer.byteLength(req.line) + 1;
      if (this.check(lane, row, req.customId, bytes, sink)) sink.accept(lane, row, req, bytes);
    }
  }

  private render<T>(lane: Lane, row: Row, sink: Pick<RowSink, 'reject'>, render: (lane: Lane, row: Row) => T): T | undefined {
    if (row.fault) {
      sink.reject(lane, row, row.fault);
      return undefined;
    }
    try {
      return render(lane, row);
    } catch (e) {
      if (!(e instanceof RowError)) throw e;
      sink.reject(lane, row, e.problem);
      return undefined;
    }
  }

  /** The id rule, uniqueness and size; a failing request goes to the sink's reject. */
  private check(lane: Lane, row: Row, id: string, bytes: number, sink: Pick<RowSink, 'reject'>): boolean {
    const p = lane.validator.checkId(id, row.origin) ?? lane.validator.checkSize(id, bytes, row.origin);
    if (!p) return true;
    sink.reject(lane, row, p, p.code === E.CustomIdDuplicate.code ? id : undefined);
    return false;
  }
}
