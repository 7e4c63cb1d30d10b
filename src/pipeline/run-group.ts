/**
 * One group's build, as a value: its rows' outcomes (outcomes.ts) are written to their
 * partitions' shards, its bad requests reported (on_error: fail) or put in its own rejects file
 * (skip), and the run returns {shards, problems, rejects, late duplicates, counts}. The build keeps
 * it or throws it away (and runs the group again with the late duplicates known); nothing is
 * rewound, and every problem is made once, in its final words.
 */
import { rmSync } from 'node:fs';
import { E, problem, type Problem } from '../errors/index.js';
import type { ByteSinkFor } from '../stages/load/index.js';
import type { BatchManifest } from '../stages/shard/manifest.js';
import { ShardWriter } from '../stages/shard/shard-writer.js';
import { growYoungGeneration } from '../util/young-generation.js';
import { UniqueIds, type UniqueIdsOptions } from '../stages/validate/unique-ids.js';
import { lineTokenCounter } from '../stats/tokens.js';
import { maxUnits, unitsPerRequest } from '../providers/units.js';
import { nameDuplicates, type PendingDuplicate } from './name-duplicates.js';
import { OneThreadNeeded } from '../threads/one-thread-needed.js';
import { groupOutcomes, type OutcomeOptions } from './outcomes.js';
import { threadOutcomes } from './thread-outcomes.js';
import { partitionsOf, type PartitionBase } from './partitions.js';
import type { PreparedGroup } from './prepare.js';
import { MAX_PROBLEMS, ProblemTally } from './problem-tally.js';
import type { RejectsFile } from './rejects-file.js';
import type { RowCounts } from './rows.js';
import type { BatchSummary } from './summary.js';

export interface GroupProgress {
  rows: number;
  written: number;
  rejected: number;
  shards: number;
  bytes: number;
}

export interface GroupRunOptions {
  /** the build's temp folder: the shards go here */
  tmp: string;
  /** where this run's rejected requests go (on_error: skip) */
  rejects: RejectsFile;
  /** an earlier group failed the build: check every request, write none */
  failing: boolean;
  /** distinct errors this run may still show before the build stops reading */
  budget: number;
  /** where the group's custom_ids are kept (see unique-ids.ts) */
  ids: UniqueIdsOptions;
  /** sees the source bytes as they are read (build hashes the sources from them) */
  onBytes?: ByteSinkFor;
  onProgress?(p: GroupProgress): void;
  /** read the group in parts on this many worker threads (thread-outcomes.ts); the sources' total bytes size the parts */
  threads?: { count: number; sourceBytes: number };
  /** the shards will be committed: flush each to the disk as soon as it is finished (shard-writer.ts) */
  flushEarly?: boolean;
}

export interface GroupRun {
  /** per partition: counts, shards, bytes */
  summaries: BatchSummary[];
  manifests: BatchManifest[];
  /** on_error: fail: the errors to report, in the order found */
  problems: Problem[];
  /** errors shown (what the build's budget counts) */
  shown: number;
  /** a request was rejected with on_error: fail: the build fails */
  failed: boolean;
  /** the run stopped reading at the error budget */
  stopped: boolean;
  /** on_error: skip: the lines of the run's rejects file */
  rejects: number;
  /**
   * duplicates among spilled ids, found after the last row (ordinals, ascending): the run is to
   * be thrown away and the group run again with them `known`; empty when none or when it stopped
   */
  late: Uint32Array;
}

/** Duplicates named with their first row: the build shows at most MAX_PROBLEMS errors anyway. */
const NAMED_DUPLICATES = MAX_PROBLEMS;

interface Partition extends PartitionBase {
  writer: ShardWriter;
  /** input tokens of a line, only under output.max_tokens_per_shard (the tokenizer is slow) */
  countTokens?: (line: string) => number;
  /** units each request counts against the provider's cap (src/providers/units.ts) */
  units: number;
  written: number;
  rejected: number;
}

export async function runGroup(group: PreparedGroup, opts: GroupRunOptions): Promise<GroupRun> {
  // this thread renders every row of a group it reads itself (util/young-generation.ts)
  if (!opts.threads) growYoungGeneration();
  const skip = group.variants[0]!.batch.onError === 'skip';
  const { partitions, ofLane: parts } = await partitionsOf<Partition>(group, async (batch) => {
    const writer = new ShardWriter(opts.tmp, batch.name, batch.maxBytes, batch.maxLines, batch.maxTokensPerShard, batch.provider.idInLine === false, maxUnits(batch.provider, batch.endpoint));
    writer.flushEarly = opts.flushEarly === true;
    const part = { writer, written: 0, rejected: 0, units: unitsPerRequest(batch) };
    return batch.maxTokensPerShard !== undefined ? { ...part, countTokens: await lineTokenCounter(batch.model) } : part;
  });
  const lanes = parts.length;
  const unique = new UniqueIds(opts.ids);
  // a run that has nothing left to show says nothing more about stopping: the earlier one did
  const tally = new ProblemTally(opts.budget, opts.budget > 0 ? problem(E.TooManyProblems, { limit: MAX_PROBLEMS }) : undefined);
  const duplicates: PendingDuplicate[] = [];
  const counts: RowCounts = { scanned: 0, skipped: 0, warnings: [] };
  const progress: GroupProgress = { rows: 0, written: 0, rejected: 0, shards: 0, bytes: 0 };
  let failed = false;
  let stopped = false;
  let late: Uint32Array = new Uint32Array(0);
  try {
    // the lines' bytes are all a build writes: drafted straight into a buffer, unless a token budget must read them
    const encode = partitions.every((p) => p.countTokens === undefined);
    const how: OutcomeOptions = { ids: unique, counts, encode, ...(opts.onBytes && { onBytes: opts.onBytes }) };
    const stream = opts.threads ? threadOutcomes(group, opts.threads.sourceBytes, opts.threads.count, how) : groupOutcomes(group, how);
    outer: for await (const { outcomes, encoded } of stream) {
      for (let k = 0; k < outcomes.length; k++) {
        const o = outcomes[k]!;
        if (k % lanes === 0) progress.rows++;
        const part = parts[o.lane.index]!;
        if (o.problem === undefined) {
          part.written++;
          progress.written++;
          progress.bytes += o.bytes;
          // a failing build only checks the rest
          if (failed || opts.failing) continue;
          if (o.at !== undefined) part.writer.writeEncoded(encoded!, o.at, o.bytes, o.id, part.units);
          else part.writer.write(o.line, o.bytes, o.id, part.countTokens?.(o.line) ?? 0, part.units);
          continue;
        }
        part.rejected++;
        progress.rejected++;
        if (skip) {
          opts.rejects.write(o.row, o.problem, o.lane.batch);
          continue;
        }
        failed = true;
        if (!tally.add(o.problem)) {
          stopped = true;
          break outer;
        }
        if (o.duplicate && tally.problems.at(-1) === o.problem && duplicates.length < NAMED_DUPLICATES) {
          duplicates.push({ at: tally.count - 1, id: o.id!, origin: o.row.origin });
        }
      }
      if (opts.onProgress) {
        progress.shards = partitions.reduce((n, q) => n + q.writer.shards.length, 0);
        opts.onProgress({ ...progress });
      }
    }
    if (stopped) {
      // where one thread stops reading is where its counts end; workers read ahead of that
      if (opts.threads) throw new OneThreadNeeded('the build stopped at its error budget');
      unique.dispose();
    } else late = unique.finish();
  } catch (e) {
    for (const part of partitions) part.writer.abort();
    unique.dispose();
    // the build runs the group again on one thread: what this run wrote goes
    if (e instanceof OneThreadNeeded) for (const part of partitions) part.writer.remove();
    throw e;
  } finally {
    opts.rejects.close();
    if (opts.ids.spillDir !== undefined) rmSync(opts.ids.spillDir, { recursive: true, force: true });
  }

  // the final run of a failing group names each duplicate's first row (a run to be redone need not)
  const ids: UniqueIdsOptions = {};
  if (opts.ids.spillDir !== undefined) ids.spillDir = `${opts.ids.spillDir}-first`;
  if (opts.ids.memoryIds !== undefined) ids.memoryIds = opts.ids.memoryIds;
  const shown = late.length === 0 ? await nameDuplicates(group, tally.problems, duplicates, ids) : tally.problems;

  const summaries: BatchSummary[] = [];
  const manifests: BatchManifest[] = [];
  /** shards below the provider's per-job minimum (Bedrock): a job may refuse them */
  const few: Problem[] = [];
  const rows = progress.rows;
  for (const part of partitions) part.writer.close();
  await Promise.all(partitions.map((part) => part.writer.synced()));
  for (const part of partitions) {
    const { shards } = part.writer;
    const { batch } = part;
    const min = batch.provider.limits.minLines;
    for (const s of min === undefined ? [] : shards.filter((x) => x.lines < min)) {
      few.push(problem(E.FewRecords, { provider: batch.provider.name, file: s.file, records: s.lines, min: min! }, undefined, 'warning'));
    }
    const requests = rows * part.lanes;
    summaries.push({
      name: batch.name,
      group: group.name,
      provider: batch.provider.name,
      scanned: counts.scanned,
      skipped: counts.skipped,
      rows,
      requests,
      written: part.written,
      rejected: part.rejected,
      notReached: requests - part.written - part.rejected,
      shards: shards.length,
      bytes: shards.reduce((a, s) => a + s.bytes, 0),
      threads: opts.threads?.count ?? 1,
    });
    manifests.push({
      name: batch.name,
      ...(batch.name !== group.name && { batch: group.name }),
      provider: batch.provider.name,
      endpoint: batch.endpoint,
      model: batch.model,
      ...(batch.apiVersion !== undefined && { api_version: batch.apiVersion }),
      ...(Object.keys(batch.variant).length > 0 && { variants: part.variants as BatchManifest['variants'] }),
      rows,
      requests: part.written,
      rejected: part.rejected,
      shards,
    });
  }
  return { summaries, manifests, problems: [...counts.warnings!, ...tally.finish(shown), ...few], shown: tally.count, failed, stopped, rejects: opts.rejects.lines, late };
}
