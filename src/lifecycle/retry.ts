/**
 * retry: new shards holding exactly the original lines (byte for byte, read from the shards) of
 * the requests that failed, expired or went missing, plus a manifest in the build's format, in
 * `<out>/retry/`, so `batchforge submit --dir out/retry` sends them. The shards are walked in
 * step with results.jsonl (collect writes it in the same order), so memory stays bounded.
 * Retry shards are written by the build's ShardWriter (same names, hashing and sharding rule),
 * packed up to the largest original shard of the same batch, which already respects the
 * provider's limits.
 */
import { withOutputLock } from '../util/output-lock.js';
import { writeFileAtomic } from '../util/write-atomic.js';
import { access, mkdir, readdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { BatchforgeError, E, problem } from '../errors/index.js';
import type { BatchManifest, Manifest } from '../stages/shard/manifest.js';
import { ShardWriter } from '../stages/shard/shard-writer.js';
import { RESULTS_JSONL, type ResultLine } from './collect.js';
import { readLines } from './files.js';
import { MANIFEST_FILE, readManifest } from './manifest-read.js';
import { shownPath } from './options.js';
import type { ResultStatus } from './result-line.js';

export const RETRY_DIR = 'retry';
const RETRIED: ReadonlySet<ResultStatus> = new Set(['failed', 'expired', 'missing']);

export interface RetryCounts {
  /** requests looked at */
  requests: number;
  /** requests written to retry shards */
  retried: number;
  failed: number;
  expired: number;
  missing: number;
  /** retry shard files written */
  shards: number;
}

/** Runs under the output folder's lock: one batchforge command at a time per folder. */
export async function retry(outDir: string, opts: { shownDir?: string } = {}): Promise<RetryCounts> {
  return withOutputLock(outDir, 'retry', opts.shownDir ?? outDir, () => retryLocked(outDir, opts));
}

async function retryLocked(outDir: string, opts: { shownDir?: string }): Promise<RetryCounts> {
  const manifest = await readManifest(outDir, opts.shownDir);
  const resultsPath = join(outDir, RESULTS_JSONL);
  if (!(await exists(resultsPath))) throw new BatchforgeError(problem(E.ResultsMissing, { dir: opts.shownDir ?? outDir }));
  const results = readLines(resultsPath)[Symbol.asyncIterator]();
  const counts: RetryCounts = { requests: 0, retried: 0, failed: 0, expired: 0, missing: 0, shards: 0 };
  const retryDir = join(outDir, RETRY_DIR);
  const batches: BatchManifest[] = [];
  let dirReady = false;
  const writers: ShardWriter[] = [];

  try {
    for (const batch of manifest.batches) {
      const maxLines = Math.max(...batch.shards.map((s) => s.lines));
      const maxBytes = Math.max(...batch.shards.map((s) => s.bytes));
      // the build's own writer and names; it opens its first file only when a line comes
      const writer = new ShardWriter(retryDir, batch.name, maxBytes, maxLines);
      writers.push(writer);
      for (const shard of batch.shards) {
        for await (const line of readLines(join(outDir, shard.file))) {
          if (!line) continue;
          const customId = (JSON.parse(line) as { custom_id: string }).custom_id;
          const result = await nextResult(results, customId, shownPath(outDir, opts, shard.file));
          counts.requests++;
          if (!RETRIED.has(result.status)) continue;
          counts.retried++;
          counts[result.status as 'failed' | 'expired' | 'missing']++;
          if (!dirReady) {
            await prepareRetryDir(retryDir);
            dirReady = true;
          }
          writer.write(line, Buffer.byteLength(line) + 1, customId);
        }
      }
      const shards = writer.close();
      counts.shards += shards.length;
      if (shards.length) {
        const requests = shards.reduce((n, s) => n + s.lines, 0);
        batches.push({ ...batch, rows: requests, requests, rejected: 0, shards });
      }
    }
  } catch (e) {
    for (const w of writers) w.abort();
    throw e;
  } finally {
    await results.return?.(undefined);
  }
  if (batches.length) {
    const { rejects: _rejects, ...rest } = manifest;
    const retryManifest: Manifest & { retry_of: string } = { ...rest, batches, retry_of: '..' };
    writeFileAtomic(join(retryDir, MANIFEST_FILE), JSON.stringify(retryManifest, null, 2) + '\n');
  }
  return counts;
}

async function nextResult(results: AsyncIterator<string>, customId: string, shard: string): Promise<ResultLine> {
  let next = await results.next();
  while (!next.done && next.value === '') next = await results.next();
  const got = next.done ? undefined : (JSON.parse(next.value) as ResultLine);
  if (got?.custom_id !== customId) {
    throw new BatchforgeError(
      problem(E.ResultsOutOfStep, { file: shard, expected: customId, got: got ? `custom_id ${JSON.stringify(got.custom_id)}` : 'its end' }),
    );
  }
  return got;
}

/** Old retry shards go, so a shorter retry round leaves no stale files; state and results stay. */
async function prepareRetryDir(dir: string): Promise<void> {
  await mkdir(dir, { recursive: true });
  for (const name of await readdir(dir)) {
    if (/-\d{5}\.jsonl$/.test(name) || name === MANIFEST_FILE) await rm(join(dir, name));
  }
}

async function exists(path: string): Promise<boolean> {
  return access(path).then(
    () => true,
    () => false,
  );
}
