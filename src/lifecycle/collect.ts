/**
 * collect: join every result back to the request and source row it came from. Results arrive in
 * any order, so per shard (in manifest order) the shard's results are loaded into a Map (at most
 * one shard's worth), then the shard's own lines are walked alongside the source, re-streamed in
 * the same deterministic output order: each request takes its result out of the Map. Memory
 * stays bounded by one shard whatever the build's size.
 */
import { withOutputLock } from '../util/output-lock.js';
import { join } from 'node:path';
import { BatchforgeError, E, problem } from '../errors/index.js';
import { formatOrigin, type Origin } from '../stages/load/row.js';
import type { Manifest, ShardInfo } from '../stages/shard/manifest.js';
import { isTerminal } from './batch-status.js';
import { connect, type Connection } from './connections.js';
import { downloadResults } from './download.js';
import { readLines } from './files.js';
import { lineWriter } from './line-writer.js';
import { readManifest, shardsOf } from './manifest-read.js';
import { shownPath, type LifecycleOptions } from './options.js';
import { failed, type RequestResult, type ResultError, type ResultStatus } from './result-line.js';
import { writeResultsCsv } from './results-csv.js';
import { readState, writeState, type ShardState } from './state.js';
import { currentEntries, refresh } from './status.js';

export const RESULTS_JSONL = 'results.jsonl';
export const RESULTS_CSV = 'results.csv';

/** One request of the build as the source pipeline re-yields it, in output order. */
export interface SourceRequest {
  customId: string;
  origin: Origin;
  data: Record<string, unknown>;
}

/** One line of results.jsonl. `embedding` is present only for embeddings batches. */
export interface ResultLine {
  custom_id: string;
  /** "data/x.csv:4" */
  origin: string;
  row: Record<string, unknown>;
  status: ResultStatus;
  answer: string | null;
  embedding?: number[] | number[][] | null;
  usage: unknown;
  error: ResultError | null;
}

export interface CollectCounts {
  requests: number;
  succeeded: number;
  failed: number;
  expired: number;
  missing: number;
  canceled: number;
  /** results whose custom_id matched no request of the build (should be 0) */
  unmatched: number;
}

export interface CollectOptions extends LifecycleOptions {
  requests: AsyncIterable<SourceRequest>;
  csv?: boolean;
}

/** A manifest written by `retry` holds a subset of the source's requests. */
type AnyManifest = Manifest & { retry_of?: string };

/** Runs under the output folder's lock: one batchforge command at a time per folder. */
export async function collect(outDir: string, opts: CollectOptions): Promise<CollectCounts> {
  return withOutputLock(outDir, 'collect', opts.shownDir ?? outDir, () => collectLocked(outDir, opts));
}

async function collectLocked(outDir: string, opts: CollectOptions): Promise<CollectCounts> {
  const manifest: AnyManifest = await readManifest(outDir, opts.shownDir);
  const state = await readState(outDir);
  const current = currentEntries(manifest, state);
  if (!current.some((c) => c.entry?.batch_id)) {
    throw new BatchforgeError(problem(E.NothingSubmitted, { dir: opts.shownDir ?? outDir }));
  }
  const connections = new Map<string, Connection>();
  const connFor = (provider: string) => {
    let conn = connections.get(provider);
    if (!conn) connections.set(provider, (conn = connect(provider, opts)));
    return conn;
  };
  for (const { entry } of current) {
    if (entry?.batch_id && !isTerminal(entry.status)) {
      await refresh(connFor(entry.provider), entry);
      await writeState(outDir, state);
    }
  }
  const running = current
    .filter((c) => !c.entry?.batch_id || !isTerminal(c.entry.status))
    .map((c) => (c.entry?.batch_id ? `${c.file} (${c.entry.status})` : `${c.file} (not submitted)`));
  if (running.length) throw new BatchforgeError(problem(E.BatchesRunning, { running }));

  const counts: CollectCounts = { requests: 0, succeeded: 0, failed: 0, expired: 0, missing: 0, canceled: 0, unmatched: 0 };
  const source = opts.requests[Symbol.asyncIterator]();
  const jsonlPath = join(outDir, RESULTS_JSONL);
  const out = lineWriter(jsonlPath);
  try {
    const shards = [...shardsOf(manifest)];
    for (const [i, { batch, shard }] of shards.entries()) {
      const entry = current[i]!.entry!;
      const results = await downloadResults(connFor(entry.provider), entry);
      const embeddings = batch.endpoint.endsWith('/embeddings');
      let lineNo = 0;
      for await (const text of readLines(join(outDir, shard.file))) {
        if (!text) continue;
        lineNo++;
        const customId = (JSON.parse(text) as { custom_id: string }).custom_id;
        const request = await nextMatching(source, customId, manifest.retry_of !== undefined, shownPath(outDir, opts, shard.file));
        const result = results.get(customId) ?? withoutResult(entry, lineNo);
        results.delete(customId);
        counts.requests++;
        counts[result.status]++;
        await out.write(JSON.stringify(resultLine(request, result, embeddings)));
      }
      counts.unmatched += results.size;
      checkLines(shard, lineNo, outDir, opts);
    }
    if (manifest.retry_of === undefined) {
      const extra = await source.next();
      if (!extra.done) {
        const last = shards.at(-1)!.shard;
        throw new BatchforgeError(
          problem(E.SourceChanged, { file: shownPath(outDir, opts, last.file), expected: 'no more requests', got: `custom_id ${JSON.stringify(extra.value.customId)}` }),
        );
      }
    }
    await out.close();
  } catch (e) {
    await out.abort();
    throw e;
  }
  if (opts.csv) await writeResultsCsv(jsonlPath, join(outDir, RESULTS_CSV));
  return counts;
}

/** The next source request, which must be `customId`; a retry build skips the requests it does not hold. */
async function nextMatching(
  source: AsyncIterator<SourceRequest>,
  customId: string,
  subset: boolean,
  shown: string,
): Promise<SourceRequest> {
  for (;;) {
    const next = await source.next();
    if (next.done) throw new BatchforgeError(problem(E.SourceChanged, { file: shown, expected: `custom_id ${JSON.stringify(customId)}`, got: 'the end of the source' }));
    if (next.value.customId === customId) return next.value;
    if (!subset) {
      throw new BatchforgeError(problem(E.SourceChanged, { file: shown, expected: `custom_id ${JSON.stringify(customId)}`, got: `custom_id ${JSON.stringify(next.value.customId)}` }));
    }
  }
}

function checkLines(shard: ShardInfo, lines: number, outDir: string, opts: LifecycleOptions): void {
  if (lines !== shard.lines) throw new BatchforgeError(problem(E.ShardNotAsBuilt, { file: shownPath(outDir, opts, shard.file) }));
}

/** A request with no result line: the batch's fate decides what happened to it. */
function withoutResult(entry: ShardState, line: number): RequestResult {
  switch (entry.status) {
    case 'expired':
      return failed({ code: 'batch_expired', message: 'the batch expired before this request ran' }, 'expired');
    case 'cancelled':
      return failed({ code: 'batch_cancelled', message: 'the batch was cancelled before this request ran' }, 'canceled');
    case 'failed': {
      const e = entry.errors.find((x) => x.line === line) ?? entry.errors[0];
      return failed(e ? { code: e.code, message: e.message } : { code: 'batch_failed', message: 'the batch failed' });
    }
    default:
      return failed({ code: 'missing', message: 'the finished batch returned no result for this request' }, 'missing');
  }
}

function resultLine(request: SourceRequest, result: RequestResult, embeddings: boolean): ResultLine {
  const line: ResultLine = {
    custom_id: request.customId,
    origin: formatOrigin(request.origin),
    row: request.data,
    status: result.status,
    answer: result.answer,
    usage: result.usage,
    error: result.error,
  };
  if (embeddings) {
    // keep the key order stable: embedding right after answer
    return { custom_id: line.custom_id, origin: line.origin, row: line.row, status: line.status, answer: line.answer, embedding: result.embedding, usage: line.usage, error: line.error };
  }
  return line;
}
