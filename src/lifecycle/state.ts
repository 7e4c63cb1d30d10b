/**
 * submit-state.json: what has been sent where, per shard. It is written after every step that
 * creates something remote (upload, batch) and after every poll, always atomically (temp file,
 * fsync, rename, folder fsync), so an interrupted command or a power cut loses nothing and a
 * re-run picks up where it stopped. It lives in the output folder under a name no build, check
 * or retry touches (a build owns only the files its manifest lists).
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { writeFileAtomic } from '../util/write-atomic.js';

export const STATE_FILE = 'submit-state.json';

export interface RequestCounts {
  total: number;
  completed: number;
  failed: number;
}

export interface ShardState {
  /** shard file name inside the output dir */
  file: string;
  sha256: string;
  /** the batch name from the manifest */
  batch: string;
  provider: string;
  endpoint: string;
  /** uploaded input file (OpenAI-compatible providers); null for anthropic */
  file_id: string | null;
  batch_id: string | null;
  /** provider status, e.g. validating, in_progress, completed, expired, ended; "uploaded" before the batch exists */
  status: string;
  counts: RequestCounts | null;
  output_file_id: string | null;
  error_file_id: string | null;
  /** batch-level errors (e.g. a failed validation), as the provider reported them */
  errors: Array<{ code: string; message: string; line?: number }>;
}

export interface SubmitState {
  version: 1;
  shards: ShardState[];
}

export async function readState(outDir: string): Promise<SubmitState> {
  let text: string;
  try {
    text = await readFile(join(outDir, STATE_FILE), 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return { version: 1, shards: [] };
    throw e;
  }
  return JSON.parse(text) as SubmitState;
}

export async function writeState(outDir: string, state: SubmitState): Promise<void> {
  writeFileAtomic(join(outDir, STATE_FILE), JSON.stringify(state, null, 2) + '\n');
}

/** The entry for this exact shard content, if it was submitted (or at least uploaded). */
export function findShard(state: SubmitState, file: string, sha256: string): ShardState | undefined {
  return state.shards.find((s) => s.file === file && s.sha256 === sha256);
}
