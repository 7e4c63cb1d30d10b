/**
 * The requests a build wrote, re-streamed from its source with their rows, in the order of the
 * manifest (batch by batch, partition by partition, line by line): what `collect` joins results
 * to. The source is read once per partition and the same GroupRenderer decides what was written,
 * so memory stays bounded and the order matches the shards exactly.
 *
 * Ids are kept as the build keeps them (unique-ids.ts). Until a pass spills its first id, every
 * decision is final. A group with more ids than fit in memory is read once more, before anything
 * past that point is yielded, to find the duplicates among its spilled ids, and the pass goes on
 * with them known: the build did the same.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadConfig, type LoadConfigOptions } from '../config/load.js';
import { BatchforgeError } from '../errors/index.js';
import type { Origin } from '../stages/load/row.js';
import { UniqueIds, type UniqueIdsOptions } from '../stages/validate/unique-ids.js';
import { GroupRenderer, type RowSink } from './group-renderer.js';
import { prepare, type PreparedGroup } from './prepare.js';
import { batchRows } from './rows.js';

export interface StreamedRequest {
  /** the manifest batch (partition) the request was written to */
  batch: string;
  customId: string;
  origin: Origin;
  data: Record<string, unknown>;
}

export interface StreamOptions extends LoadConfigOptions {
  /** custom_ids kept in memory before later ones are spilled (default MEMORY_IDS; tests make it small) */
  memoryIds?: number;
}

export async function* streamRequests(opts: StreamOptions): AsyncGenerator<StreamedRequest> {
  const loaded = await loadConfig(opts);
  if (!loaded.config) throw new BatchforgeError(loaded.problems);
  const prepared = await prepare(loaded.config);
  for (const group of prepared.groups) {
    const spillDir = mkdtempSync(path.join(os.tmpdir(), 'batchforge-ids-'));
    try {
      const ids: UniqueIdsOptions = { spillDir, ...(opts.memoryIds !== undefined && { memoryIds: opts.memoryIds }) };
      yield* groupRequests(group, ids);
    } finally {
      rmSync(spillDir, { recursive: true, force: true });
    }
  }
}

async function* groupRequests(group: PreparedGroup, ids: UniqueIdsOptions): AsyncGenerator<StreamedRequest> {
  let known: Uint32Array | undefined;
  for (const partition of [...new Set(group.variants.map((v) => v.batch.name))]) {
    let yielded = 0;
    for (;;) {
      const unique = new UniqueIds(known ? { ...ids, known } : ids);
      const renderer = new GroupRenderer(group, unique);
      let out: StreamedRequest[] = [];
      const sink: RowSink = {
        accept(lane, row, req) {
          if (lane.batch.name === partition) out.push({ batch: partition, customId: req.customId, origin: row.origin, data: row.data });
        },
        reject() {},
      };
      // requests already yielded by a pass that stopped at its first spilled id
      let skip = yielded;
      let spilled = false;
      const first = group.variants[0]!;
      outer: for await (const chunk of batchRows(first.batch, group.files, first.plan, { scanned: 0, skipped: 0 })) {
        for (const row of chunk) {
          const before = out.length;
          renderer.process(row, sink);
          if (unique.spilled > 0) {
            out.length = before; // this row's requests wait for the spilled ids to be checked
            spilled = true;
            break;
          }
        }
        for (const r of out) {
          if (skip > 0) skip--;
          else {
            yielded++;
            yield r;
          }
        }
        out = [];
        if (spilled) break outer;
      }
      unique.dispose();
      if (!spilled) break;
      known = await lateDuplicates(group, ids);
    }
  }
}

/** A pass over the whole group that only decides: the ordinals of the duplicates only the spill sees. */
async function lateDuplicates(group: PreparedGroup, ids: UniqueIdsOptions): Promise<Uint32Array> {
  const unique = new UniqueIds(ids);
  const renderer = new GroupRenderer(group, unique);
  const sink: RowSink = { accept() {}, reject() {} };
  const first = group.variants[0]!;
  try {
    for await (const chunk of batchRows(first.batch, group.files, first.plan, { scanned: 0, skipped: 0 })) {
      for (const row of chunk) renderer.process(row, sink);
    }
  } catch (e) {
    unique.dispose();
    throw e;
  }
  return unique.finish();
}
