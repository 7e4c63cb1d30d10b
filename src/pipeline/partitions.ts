/**
 * A group's lanes (matrix variants) by partition: the variants that share a shard prefix
 * (batch.name) share shards. build's ShardWriters and stats' ShardPlanners are set up here, one
 * per partition, so that both split a group the same way.
 */
import type { ResolvedBatch } from '../config/resolved.js';
import type { PreparedGroup } from './prepare.js';

export interface PartitionBase {
  batch: ResolvedBatch;
  /** variants (lanes) in this partition */
  lanes: number;
  variants: Array<Record<string, unknown>>;
}

/** `make` runs once per partition, in first-seen order; `ofLane[i]` is lane i's partition. */
export async function partitionsOf<T extends PartitionBase>(
  group: PreparedGroup,
  make: (batch: ResolvedBatch) => Promise<Omit<T, keyof PartitionBase>> | Omit<T, keyof PartitionBase>,
): Promise<{ partitions: T[]; ofLane: T[] }> {
  const byName = new Map<string, T>();
  const ofLane: T[] = [];
  for (const { batch } of group.variants) {
    let part = byName.get(batch.name);
    if (!part) {
      part = { ...(await make(batch)), batch, lanes: 0, variants: [] } as unknown as T;
      byName.set(batch.name, part);
    }
    part.lanes++;
    part.variants.push(batch.variant);
    ofLane.push(part);
  }
  return { partitions: [...byName.values()], ofLane };
}
