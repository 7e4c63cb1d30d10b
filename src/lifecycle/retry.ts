/**
 * retry: new shards holding exactly the original lines (byte for byte, read from the shards) of
 * the requests that failed, expired or went missing, plus a manifest in the build's format, in
 * `<out>/retry/`, so `batchforge submit --dir out/retry` sends them. The shards are walked in
 * step with results.jsonl (collect writes it in the same order), so memory stays bounded.
 * Retry shards are packed up to the largest original shard of the same batch, which already
 * respects the provider's limits.
 */
import { withOutputLock } from '../util/output-lock.js';
import { writeFileAtomic } from '../util/write-atomic.js';
import { createHash } from 'node:crypto';
import { access, mkdir, readdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { BatchforgeError, E, problem } from '../errors/index.js';
import type { BatchManifest, Manifest, ShardInfo } from '../stages/shard/manifest.js';
import { RESULTS_JSONL, type ResultLine } from './collect.js';
import { readLines } from './files.js';
import { lineWriter, type LineWriter } from './line-writer.js';
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

  try {
    for (const batch of manifest.batches) {
      const maxLines = Math.max(...batch.shards.map((s) => s.lines));
      const maxBytes = Math.max(...batch.shards.map((s) => s.bytes));
      const packer = new ShardPacker(retryDir, batch.name, maxLines, maxBytes);
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
          await packer.add(line, customId);
        }
      }
      const shards = await packer.finish();
      counts.shards += shards.length;
      if (shards.length) {
        const requests = shards.reduce((n, s) => n + s.lines, 0);
        batches.push({ ...batch, rows: requests, requests, rejected: 0, shards });
      }
    }
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

class ShardPacker {
  private readonly done: ShardInfo[] = [];
  private current: { info: ShardInfo; hash: ReturnType<typeof createHash>; out: LineWriter } | undefined;

  constructor(
    private readonly dir: string,
    private readonly batch: string,
    private readonly maxLines: number,
    private readonly maxBytes: number,
  ) {}

  async add(line: string, customId: string): Promise<void> {
    const bytes = Buffer.byteLength(line) + 1;
    const c = this.current;
    if (c && (c.info.lines + 1 > this.maxLines || c.info.bytes + bytes > this.maxBytes)) await this.close();
    if (!this.current) {
      const file = `${this.batch}-${String(this.done.length + 1).padStart(5, '0')}.jsonl`;
      const info: ShardInfo = { file, lines: 0, bytes: 0, sha256: '', first_custom_id: customId, last_custom_id: customId };
      this.current = { info, hash: createHash('sha256'), out: lineWriter(join(this.dir, file)) };
    }
    const cur = this.current!;
    await cur.out.write(line);
    cur.hash.update(line + '\n');
    cur.info.lines++;
    cur.info.bytes += bytes;
    cur.info.last_custom_id = customId;
  }

  async finish(): Promise<ShardInfo[]> {
    await this.close();
    return this.done;
  }

  private async close(): Promise<void> {
    if (!this.current) return;
    await this.current.out.close();
    this.current.info.sha256 = this.current.hash.digest('hex');
    this.done.push(this.current.info);
    this.current = undefined;
  }
}

async function exists(path: string): Promise<boolean> {
  return access(path).then(
    () => true,
    () => false,
  );
}
