/**
 * status: retrieve every batch of the current build, save what changed, return one row per
 * shard. With `wait` it polls with backoff until every batch is terminal; the state is saved
 * after each retrieve, so Ctrl-C at any moment loses nothing and `status --wait` resumes.
 */
import { withOutputLock } from '../util/output-lock.js';
import { setTimeout as sleep } from 'node:timers/promises';
import { BatchforgeError, E, problem } from '../errors/index.js';
import type { Manifest } from '../stages/shard/manifest.js';
import { remote } from './api-error.js';
import { fromAnthropicBatch, fromOpenAiBatch, isTerminal } from './batch-status.js';
import { connect, type Connection } from './connections.js';
import { readManifest, shardsOf } from './manifest-read.js';
import type { LifecycleOptions } from './options.js';
import { findShard, readState, writeState, type ShardState, type SubmitState } from './state.js';

export interface StatusRow {
  batch: string;
  file: string;
  provider: string;
  batch_id: string | null;
  /** provider status, or "not submitted" */
  status: string;
  total: number | null;
  completed: number | null;
  failed: number | null;
  terminal: boolean;
}

export interface StatusOptions extends LifecycleOptions {
  wait?: boolean;
  /** first delay between polls (default 5 s); it grows by half each round */
  pollMs?: number;
  /** longest delay between polls (default 60 s) */
  maxPollMs?: number;
  onProgress?: (rows: StatusRow[]) => void;
}

/** Runs under the output folder's lock: one batchforge command at a time per folder. */
export async function status(outDir: string, opts: StatusOptions): Promise<StatusRow[]> {
  return withOutputLock(outDir, 'status', opts.shownDir ?? outDir, () => statusLocked(outDir, opts));
}

async function statusLocked(outDir: string, opts: StatusOptions): Promise<StatusRow[]> {
  const manifest = await readManifest(outDir, opts.shownDir);
  const state = await readState(outDir);
  const entries = currentEntries(manifest, state);
  if (!entries.some((e) => e.entry?.batch_id)) {
    throw new BatchforgeError(problem(E.NothingSubmitted, { dir: opts.shownDir ?? outDir }));
  }
  const connections = new Map<string, Connection>();
  let delay = opts.pollMs ?? 5000;
  for (;;) {
    for (const { entry } of entries) {
      if (!entry?.batch_id || isTerminal(entry.status)) continue;
      let conn = connections.get(entry.provider);
      if (!conn) connections.set(entry.provider, (conn = connect(entry.provider, opts)));
      await refresh(conn, entry);
      await writeState(outDir, state);
    }
    const rows = entries.map(({ file, batch, provider, entry }) => toRow(file, batch, provider, entry));
    opts.onProgress?.(rows);
    if (!opts.wait || rows.every((r) => r.terminal || r.batch_id === null)) return rows;
    await sleep(delay);
    delay = Math.min(opts.maxPollMs ?? 60_000, Math.ceil(delay * 1.5));
  }
}

interface Current {
  file: string;
  batch: string;
  provider: string;
  entry: ShardState | undefined;
}

export function currentEntries(manifest: Manifest, state: SubmitState): Current[] {
  return [...shardsOf(manifest)].map(({ batch, shard }) => ({
    file: shard.file,
    batch: batch.name,
    provider: batch.provider,
    entry: findShard(state, shard.file, shard.sha256),
  }));
}

export async function refresh(conn: Connection, entry: ShardState): Promise<void> {
  const id = entry.batch_id!;
  const action = `retrieving batch ${id}`;
  const update =
    conn.sdk === 'anthropic'
      ? fromAnthropicBatch(await remote(conn.provider, action, () => conn.client.messages.batches.retrieve(id)))
      : fromOpenAiBatch(await remote(conn.provider, action, () => conn.client.batches.retrieve(id)));
  entry.status = update.status;
  entry.counts = update.counts;
  entry.output_file_id = update.output_file_id;
  entry.error_file_id = update.error_file_id;
  entry.errors = update.errors;
}

function toRow(file: string, batch: string, provider: string, entry: ShardState | undefined): StatusRow {
  return {
    batch,
    file,
    provider,
    batch_id: entry?.batch_id ?? null,
    status: entry?.batch_id ? entry.status : 'not submitted',
    total: entry?.counts?.total ?? null,
    completed: entry?.counts?.completed ?? null,
    failed: entry?.counts?.failed ?? null,
    terminal: entry?.batch_id ? isTerminal(entry.status) : false,
  };
}
