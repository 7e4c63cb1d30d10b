/** sha256 of input files for the manifest, streamed. */
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import path from 'node:path';
import type { FileHash } from '../stages/shard/manifest.js';
import type { Hasher } from '../util/hasher.js';

export async function hashFile(file: string): Promise<string> {
  const h = createHash('sha256');
  for await (const chunk of createReadStream(file, { highWaterMark: 1 << 20 })) h.update(chunk as Buffer);
  return h.digest('hex');
}

export function relativeTo(dir: string, file: string): string {
  return path.relative(dir, file).split(path.sep).join('/');
}

/** Hashes of files as the manifest lists them: sorted, relative to `dir`; on the hasher's thread when given. */
export async function hashFiles(dir: string, files: string[], hasher?: Hasher): Promise<FileHash[]> {
  const unique = [...new Set(files)].sort();
  return Promise.all(unique.map(async (f) => ({ file: relativeTo(dir, f), sha256: await (hasher ? hasher.hash(f) : hashFile(f)) })));
}
