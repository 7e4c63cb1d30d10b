/** sha256 of input files for the manifest, streamed. */
import { createHash } from 'node:crypto';
import path from 'node:path';
import type { FileHash } from '../stages/shard/manifest.js';
import { blockBuffers, readBlocks, type BlockBuffers } from '../util/read-blocks.js';

async function hashFile(file: string, bufs: BlockBuffers): Promise<string> {
  const h = createHash('sha256');
  for await (const block of readBlocks(file, bufs)) h.update(block);
  return h.digest('hex');
}

export function relativeTo(dir: string, file: string): string {
  return path.relative(dir, file).split(path.sep).join('/');
}

/** Hashes of files as the manifest lists them: sorted, relative to `dir`. */
export async function hashFiles(dir: string, files: string[]): Promise<FileHash[]> {
  const unique = [...new Set(files)].sort();
  // one file at a time, through one pair of buffers: a pair per file would be memory per file of a big glob
  const bufs = blockBuffers(1 << 20);
  const out: FileHash[] = [];
  for (const f of unique) out.push({ file: relativeTo(dir, f), sha256: await hashFile(f, bufs) });
  return out;
}
