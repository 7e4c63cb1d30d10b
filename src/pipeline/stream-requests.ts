/**
 * The requests a build wrote, re-streamed from its source with their rows, in the order of the
 * manifest (batch by batch, partition by partition, line by line): what `collect` joins results
 * to. The source is read once per partition through the build's own outcome stream (outcomes.ts),
 * which decides what was written, so memory stays bounded and the order matches the shards exactly.
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
import type { ResolvedConfig } from '../config/resolved.js';
import { BatchforgeError } from '../errors/index.js';
import type { Origin } from '../stages/load/row.js';
import { UniqueIds, type UniqueIdsOptions } from '../stages/validate/unique-ids.js';
import { groupOutcomes } from './outcomes.js';
import { prepare, type PreparedGroup } from './prepare.js';

export interface StreamedRequest {
  /** the manifest batch (partition) the request was written to */
  batch: string;
  customId: string;
  origin: Origin;
  data: Record<string, unknown>;
}

export interface StreamOptions extends LoadConfigOptions {
  /** a config already loaded and checked (collect's command has one): not loaded again */
  resolved?: ResolvedConfig;
  /** custom_ids kept in memory before later ones are spilled (default MEMORY_IDS; tests make it small) */
  memoryIds?: number;
}

export async function* streamRequests(opts: StreamOptions): AsyncGenerator<StreamedRequest> {
  let config = opts.resolved;
  if (!config) {
    const loaded = await loadConfig(opts);
    if (!loaded.config) throw new BatchforgeError(loaded.problems);
    config = loaded.config;
  }
  const prepared = await prepare(config);
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
      // requests already yielded by a pass that stopped at its first spilled id
      let skip = yielded;
      let spilled = false;
      try {
        outer: for await (const { outcomes } of groupOutcomes(group, { ids: unique })) {
          for (const o of outcomes) {
            // a row's requests after the first spilled id wait until the spilled ids are checked
            if (unique.spilled > 0 && !known) {
              spilled = true;
              break outer;
            }
            if (o.problem !== undefined || o.lane.batch.name !== partition) continue;
            if (skip > 0) skip--;
            else {
              yielded++;
              yield { batch: partition, customId: o.id, origin: o.row.origin, data: o.row.data };
            }
          }
        }
      } finally {
        unique.dispose();
      }
      if (!spilled) break;
      known = await lateDuplicates(group, ids);
    }
  }
}

/** A pass over the whole group that only decides: the ordinals of the duplicates only the spill sees. */
async function lateDuplicates(group: PreparedGroup, ids: UniqueIdsOptions): Promise<Uint32Array> {
  const unique = new UniqueIds(ids);
  try {
    for await (const _ of groupOutcomes(group, { ids: unique }));
  } catch (e) {
    unique.dispose();
    throw e;
  }
  return unique.finish();
}
