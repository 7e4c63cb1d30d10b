/**
 * submit: one batch per shard, resumably. For each shard in manifest order: skip it when this
 * exact content (sha256) already has a batch; refuse when the same file was submitted with other
 * content (unless `force`); otherwise upload it, record the file id, then create the batch and
 * record its id. The file id is saved before the batch is created, so a crash in between makes
 * the re-run create the batch from the recorded upload instead of uploading again.
 */
import { withOutputLock } from '../util/output-lock.js';
import { createReadStream } from 'node:fs';
import { join } from 'node:path';
import type { BatchCreateParams as MessageBatchCreateParams } from '@anthropic-ai/sdk/resources/messages/batches';
import type { BatchCreateParams } from 'openai/resources/batches';
import { BatchforgeError, E, problem } from '../errors/index.js';
import type { BatchManifest, ShardInfo } from '../stages/shard/manifest.js';
import { remote } from './api-error.js';
import { fromAnthropicBatch, fromOpenAiBatch } from './batch-status.js';
import { connect, type Connection } from './connections.js';
import { readLines, sha256File } from './files.js';
import { readManifest, shardsOf } from './manifest-read.js';
import { shownPath, type LifecycleOptions } from './options.js';
import { findShard, readState, writeState, type ShardState, type SubmitState } from './state.js';

export type SubmitEvent =
  | { type: 'skipped'; file: string; batchId: string }
  | { type: 'uploaded'; file: string; fileId: string }
  | { type: 'created'; file: string; batchId: string }
  /** a batch created by an interrupted run whose id had not been saved */
  | { type: 'adopted'; file: string; batchId: string };

export interface SubmitOptions extends LifecycleOptions {
  /** submit shards whose content changed since they were submitted, as new batches */
  force?: boolean;
  onEvent?: (e: SubmitEvent) => void;
}

export interface SubmitSummary {
  /** batches created by this run */
  created: number;
  /** shards already submitted with the same content */
  skipped: number;
  /** state entries of the current build's shards, in manifest order */
  shards: ShardState[];
}

/** Runs under the output folder's lock: one batchforge command at a time per folder. */
export async function submit(outDir: string, opts: SubmitOptions): Promise<SubmitSummary> {
  return withOutputLock(outDir, 'submit', opts.shownDir ?? outDir, () => submitLocked(outDir, opts));
}

async function submitLocked(outDir: string, opts: SubmitOptions): Promise<SubmitSummary> {
  const manifest = await readManifest(outDir, opts.shownDir);
  const state = await readState(outDir);
  const connections = new Map<string, Connection>();
  const summary: SubmitSummary = { created: 0, skipped: 0, shards: [] };

  for (const { batch, shard } of shardsOf(manifest)) {
    const shown = shownPath(outDir, opts, shard.file);
    const sha = await sha256File(join(outDir, shard.file));
    if (sha !== shard.sha256) throw new BatchforgeError(problem(E.ShardNotAsBuilt, { file: shown }));

    const known = findShard(state, shard.file, shard.sha256);
    if (known?.batch_id) {
      summary.skipped++;
      summary.shards.push(known);
      opts.onEvent?.({ type: 'skipped', file: shard.file, batchId: known.batch_id });
      continue;
    }
    const older = state.shards.find((s) => s.file === shard.file && s.sha256 !== shard.sha256);
    if (older && !opts.force) {
      throw new BatchforgeError(problem(E.ShardChanged, { file: shown, batchId: older.batch_id ?? '' }));
    }

    let conn = connections.get(batch.provider);
    if (!conn) connections.set(batch.provider, (conn = connect(batch.provider, opts)));
    const entry = known ?? newEntry(state, batch, shard);
    await submitShard(conn, outDir, batch, shard, entry, state, opts);
    summary.created++;
    summary.shards.push(entry);
  }
  return summary;
}

function newEntry(state: SubmitState, batch: BatchManifest, shard: ShardInfo): ShardState {
  const entry: ShardState = {
    file: shard.file,
    sha256: shard.sha256,
    batch: batch.name,
    provider: batch.provider,
    endpoint: batch.endpoint,
    file_id: null,
    batch_id: null,
    status: 'new',
    counts: null,
    output_file_id: null,
    error_file_id: null,
    errors: [],
  };
  state.shards.push(entry);
  return entry;
}

async function submitShard(
  conn: Connection,
  outDir: string,
  batch: BatchManifest,
  shard: ShardInfo,
  entry: ShardState,
  state: SubmitState,
  opts: SubmitOptions,
): Promise<void> {
  const path = join(outDir, shard.file);
  const provider = conn.provider;
  const metadata = { batchforge_batch: batch.name, batchforge_shard: shard.file };

  if (conn.sdk === 'anthropic') {
    // Message batches take the requests inline: at most one shard (≤ 256 MB) is held at a time.
    const requests: MessageBatchCreateParams['requests'] = [];
    for await (const line of readLines(path)) if (line) requests.push(JSON.parse(line));
    const created = await remote(provider, `creating the batch for ${shard.file}`, () =>
      // the API version the requests were built for (api_version), else the SDK's own
      conn.client.messages.batches.create({ requests }, batch.api_version ? { headers: { 'anthropic-version': batch.api_version } } : undefined),
    );
    Object.assign(entry, withoutId(fromAnthropicBatch(created)), { batch_id: created.id });
    await writeState(outDir, state);
    opts.onEvent?.({ type: 'created', file: shard.file, batchId: created.id });
    return;
  }

  const resumed = entry.file_id !== null;
  if (!entry.file_id) {
    const uploaded = await remote(provider, `uploading ${shard.file}`, () =>
      conn.client.files.create({ file: createReadStream(path), purpose: conn.purpose as 'batch' }),
    );
    entry.file_id = uploaded.id;
    entry.status = 'uploaded';
    await writeState(outDir, state);
    opts.onEvent?.({ type: 'uploaded', file: shard.file, fileId: uploaded.id });
  }
  const fileId = entry.file_id;
  // A resumed shard (uploaded, no batch id) may have had its batch created just before a crash
  // that kept the id from being saved: adopt that batch rather than create a second one.
  const existing = resumed ? await findBatchFor(conn, fileId) : undefined;
  const created =
    existing ??
    (await remote(provider, `creating the batch for ${shard.file}`, () =>
      conn.client.batches.create({
        input_file_id: fileId,
        endpoint: batch.endpoint as BatchCreateParams['endpoint'],
        completion_window: '24h',
        metadata,
      }),
    ));
  const update = fromOpenAiBatch(created);
  Object.assign(entry, withoutId(update), { batch_id: update.id });
  await writeState(outDir, state);
  opts.onEvent?.({ type: existing ? 'adopted' : 'created', file: shard.file, batchId: update.id });
}

/**
 * A batch holding this input file among the most recent ones (one page). Best effort: a
 * provider without batch listing (or a failing list) means none is found.
 */
async function findBatchFor(conn: Extract<Connection, { sdk: 'openai' }>, fileId: string): Promise<unknown> {
  try {
    const page = await conn.client.batches.list({ limit: 100 });
    return (page.data ?? []).find((b) => b.input_file_id === fileId);
  } catch {
    return undefined;
  }
}

function withoutId<T extends { id: string }>(u: T): Omit<T, 'id'> {
  const { id: _id, ...rest } = u;
  return rest;
}
