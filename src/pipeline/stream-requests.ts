/**
 * The requests a build wrote, re-streamed from its source with their rows, in the order of the
 * manifest (batch by batch, partition by partition, line by line): what `collect` joins results
 * to. The source is read once per partition and the same GroupRenderer decides what was written,
 * so memory stays bounded and the order matches the shards exactly.
 */
import { loadConfig, type LoadConfigOptions } from '../config/load.js';
import { BatchforgeError } from '../errors/index.js';
import type { Origin } from '../stages/load/row.js';
import { GroupRenderer, type RowSink } from './group-renderer.js';
import { prepare } from './prepare.js';
import { batchRows } from './rows.js';

export interface StreamedRequest {
  /** the manifest batch (partition) the request was written to */
  batch: string;
  customId: string;
  origin: Origin;
  data: Record<string, unknown>;
}

export async function* streamRequests(opts: LoadConfigOptions): AsyncGenerator<StreamedRequest> {
  const loaded = await loadConfig(opts);
  if (!loaded.config) throw new BatchforgeError(loaded.problems);
  const prepared = await prepare(loaded.config);
  for (const group of prepared.groups) {
    const partitions = [...new Set(group.variants.map((v) => v.batch.name))];
    for (const partition of partitions) {
      const renderer = new GroupRenderer(group);
      let out: StreamedRequest[] = [];
      const sink: RowSink = {
        accept(lane, row, req) {
          if (lane.batch.name === partition) out.push({ batch: partition, customId: req.customId, origin: row.origin, data: row.data });
        },
        reject() {},
      };
      const first = group.variants[0]!;
      for await (const chunk of batchRows(first.batch, group.files, first.plan, { scanned: 0, skipped: 0 })) {
        for (const row of chunk) renderer.process(row, sink);
        yield* out;
        out = [];
      }
    }
  }
}
