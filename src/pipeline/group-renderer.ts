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
import { IdSet } from '../stages/validate/id-set.js';
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

  constructor(group: PreparedGroup) {
    const ids = new IdSet();
    this.lanes = group.variants.map(({ batch, plan }) => ({
      batch,
      plan,
      validator: new RequestValidator(batch.provider.name, batch.provider.customId, batch.maxBytes, ids),
    }));
  }

  process(row: Row, sink: RowSink): void {
    for (const lane of this.lanes) {
      if (row.fault) {
        sink.reject(lane, row, row.fault);
        continue;
      }
      let req: RenderedRequest;
      try {
        req = lane.plan.render(row);
      } catch (e) {
        if (!(e instanceof RowError)) throw e;
        sink.reject(lane, row, e.problem);
        continue;
      }
      const bytes = Buffer.byteLength(req.line) + 1;
      const p = lane.validator.checkId(req.customId, row.origin) ?? lane.validator.checkSize(req.customId, bytes, row.origin);
      if (p) sink.reject(lane, row, p, p.code === E.CustomIdDuplicate.code ? req.customId : undefined);
      else sink.accept(lane, row, req, bytes);
    }
  }
}
