/**
 * Streams one group: reads its rows once, renders each row once per variant (GroupRenderer),
 * and writes every accepted request to its partition's shards. Bad requests go to `fail` (the caller decides:
 * report or reject). Counts requests, so rows × variants = written + rejected per group.
 */
import { rmSync } from 'node:fs';
import type { ResolvedBatch } from '../config/resolved.js';
import { E, type Problem } from '../errors/index.js';
import { formatOrigin, type Row } from '../stages/load/row.js';
import type { BatchManifest } from '../stages/shard/manifest.js';
import { ShardWriter } from '../stages/shard/shard-writer.js';
import { UniqueIds, type UniqueIdsOptions } from '../stages/validate/unique-ids.js';
import { lineTokenCounter } from '../stats/tokens.js';
import { GroupRenderer, type RowSink } from './group-renderer.js';
import type { PreparedGroup } from './prepare.js';
import { batchRows, type RowCounts } from './rows.js';
import type { BatchSummary } from './summary.js';

/**
 * Duplicates kept for naming their first rows: a failing build shows at most MAX_PROBLEMS
 * errors, so more would only grow with the input (a custom_id missing its matrix value repeats
 * on every row).
 */
const NAMED_DUPLICATES = 100;

export interface GroupProgress {
  rows: number;
  written: number;
  rejected: number;
  shards: number;
  bytes: number;
}

export interface GroupHooks {
  /** a request that cannot be written; return false to stop reading (fail mode has seen enough) */
  fail(row: Row, p: Problem, batch: ResolvedBatch): boolean;
  /** false once the build is known to fail: lines are then checked but not written */
  writing(): boolean;
  onProgress?(p: GroupProgress): void;
  /**
   * where the group's custom_ids are kept (see unique-ids.ts): without a spillDir all in memory;
   * `known` is what an earlier run's spill found
   */
  ids?: UniqueIdsOptions;
}

interface Partition {
  batch: ResolvedBatch;
  writer: ShardWriter;
  /** input tokens of a line, only under output.max_tokens_per_shard (the tokenizer is slow) */
  countTokens?: (line: string) => number;
  written: number;
  rejected: number;
  variants: Array<Record<string, unknown>>;
}

export interface GroupResult {
  summaries: BatchSummary[];
  manifests: BatchManifest[];
  /** duplicate ids found with fingerprints, for naming their first rows */
  duplicates: Array<{ id: string; at: Problem }>;
  /**
   * duplicates among spilled ids, found after the last row (ordinals, ascending): the group
   * must run again with them `known` (the build does it); empty when none, or when the run stopped early
   */
  late: Uint32Array;
}

export async function runGroup(group: PreparedGroup, tmp: string, hooks: GroupHooks): Promise<GroupResult> {
  const partitions = new Map<string, Partition>();
  /** each lane's (matrix variant's) partition, in lane order */
  const parts: Partition[] = [];
  for (const { batch } of group.variants) {
    let part = partitions.get(batch.name);
    if (!part) {
      const writer = new ShardWriter(tmp, batch.name, batch.maxBytes, batch.maxLines, batch.maxTokensPerShard, batch.provider.idInLine === false);
      part = { batch, writer, written: 0, rejected: 0, variants: [] };
      if (batch.maxTokensPerShard !== undefined) part.countTokens = await lineTokenCounter(batch.model);
      partitions.set(batch.name, part);
    }
    part.variants.push(batch.variant);
    parts.push(part);
  }
  const counts: RowCounts = { scanned: 0, skipped: 0 };
  const duplicates: GroupResult['duplicates'] = [];
  const progress: GroupProgress = { rows: 0, written: 0, rejected: 0, shards: 0, bytes: 0 };
  /** counts an accepted request; true when it is to be written (a failing build only checks the rest) */
  const accepted = (part: Partition, bytes: number): boolean => {
    part.written++;
    progress.written++;
    progress.bytes += bytes;
    return hooks.writing();
  };
  const accept = (part: Partition, line: string, bytes: number, id: string) => {
    if (accepted(part, bytes)) part.writer.write(line, bytes, id, part.countTokens?.(line));
  };
  /** false once the build has seen enough (fail mode) */
  const reject = (part: Partition, row: Row, problem: Problem, batch: ResolvedBatch, duplicateId?: string): boolean => {
    if (duplicateId !== undefined && duplicates.length < NAMED_DUPLICATES) duplicates.push({ id: duplicateId, at: problem });
    part.rejected++;
    progress.rejected++;
    return hooks.fail(row, problem, batch);
  };
  const report = () => {
    if (!hooks.onProgress) return;
    progress.shards = [...partitions.values()].reduce((n, q) => n + q.writer.shards.length, 0);
    hooks.onProgress({ ...progress });
  };
  const idOptions = hooks.ids ?? {};
  const end: { late: Uint32Array } = { late: new Uint32Array(0) };
  try {
    {
      // in this thread, each request goes straight to its shard: nothing is held per chunk
      const ids = new UniqueIds(idOptions);
      const renderer = new GroupRenderer(group, ids);
      const partOf = new Map(renderer.lanes.map((lane, i) => [lane, parts[i]!]));
      let go = true;
      const sink: RowSink = {
        accept: (lane, _row, req, bytes) => accept(partOf.get(lane)!, req.line, bytes, req.customId),
        reject: (lane, row, p, duplicateId) => void (go = reject(partOf.get(lane)!, row, p, lane.batch, duplicateId) && go),
      };
      const first = group.variants[0]!;
      outer: for await (const chunk of batchRows(first.batch, group.files, first.plan, counts)) {
        for (const row of chunk) {
          progress.rows++;
          renderer.process(row, sink);
          if (!go) break outer;
        }
        report();
      }
      if (go) end.late = ids.finish();
      else ids.dispose();
    }
  } catch (e) {
    for (const part of partitions.values()) part.writer.abort();
    throw e;
  } finally {
    // a run that stopped early leaves its spilled ids unread
    if (idOptions.spillDir !== undefined) rmSync(idOptions.spillDir, { recursive: true, force: true });
  }
  const rows = progress.rows;
  const summaries: BatchSummary[] = [];
  const manifests: BatchManifest[] = [];
  for (const part of partitions.values()) {
    const shards = part.writer.close();
    const { batch } = part;
    summaries.push({
      name: batch.name,
      group: group.name,
      provider: batch.provider.name,
      scanned: counts.scanned,
      skipped: counts.skipped,
      rows,
      written: part.written,
      rejected: part.rejected,
      shards: shards.length,
      bytes: shards.reduce((a, s) => a + s.bytes, 0),
    });
    manifests.push({
      name: batch.name,
      ...(batch.name !== group.name && { batch: group.name }),
      provider: batch.provider.name,
      endpoint: batch.endpoint,
      model: batch.model,
      ...(Object.keys(batch.variant).length > 0 && { variants: part.variants as BatchManifest['variants'] }),
      rows,
      requests: part.written,
      rejected: part.rejected,
      shards,
    });
  }
  return { summaries, manifests, duplicates, late: end.late };
}

/**
 * Duplicates are found with fingerprints only; to name the row that used an id first, the group
 * is read again (an error path only) until each duplicated id's first row is seen.
 */
export async function nameFirstRows(group: PreparedGroup, duplicates: GroupResult['duplicates']): Promise<void> {
  const wanted = new Map<string, string | undefined>(duplicates.map((d) => [d.id, undefined]));
  let left = wanted.size;
  const first = group.variants[0]!;
  outer: for await (const chunk of batchRows(first.batch, group.files, first.plan, { scanned: 0, skipped: 0 })) {
    for (const row of chunk) {
      if (row.fault) continue;
      for (const { plan } of group.variants) {
        let id: string;
        try {
          id = plan.render(row).customId;
        } catch {
          continue;
        }
        if (wanted.has(id) && wanted.get(id) === undefined) {
          wanted.set(id, formatOrigin(row.origin));
          if (--left === 0) break outer;
        }
      }
    }
  }
  for (const d of duplicates) {
    const firstAt = wanted.get(d.id);
    const here = d.at.location ? `${d.at.location.file}:${d.at.location.line}` : '';
    d.at.message =
      firstAt && firstAt !== here
        ? E.CustomIdDuplicate.message({ id: d.id, first: firstAt })
        : firstAt
          ? `custom_id ${JSON.stringify(d.id)} is used twice by this row (the matrix variants render the same id)`
          : `custom_id ${JSON.stringify(d.id)} has the same 64-bit fingerprint as an earlier id (a one-in-billions collision)`;
    if (firstAt === here) d.at.hint = 'put a matrix value in the custom_id template, e.g. "{{id}}-{{@matrix.model}}"';
  }
}
