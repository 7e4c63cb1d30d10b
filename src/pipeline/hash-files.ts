/** sha256 of input files for the manifest, streamed. */
import { createHash } from 'node:crypto';
import { open } from 'node:fs/promises';
import path from 'node:path';
import type { FileHash } from '../stages/shard/manifest.js';
import type { Hasher } from '../util/hasher.js';

/** one file at a time, through one buffer: fresh chunks per read would pile up until a GC (~35 MB) */
export async function hashFile(file: string, buf: Buffer = Buffer.allocUnsafeSlow(1 << 20)): Promise<string> {
  const h = createHash('sha256');
  const fh = await open(file, 'r');
  try {
    for (;;) {
      const { bytesRead } = await fh.read(buf, 0, buf.length, null);
      if (bytesRead === 0) break;
      h.update(buf.subarray(0, bytesRead));
    }
  } finally {
    await fh.close();
  }
  return h.digest('hex');
}

export function relativeTo(dir: string, file: string): string {
  return path.relative(dir, file).split(path.sep).join('/');
}

/** Hashes of files as the manifest lists them: sorted, relative to `dir`; on the hasher's thread when given. */
export async function hashFiles(dir: string, files: string[], hasher?: Hasher): Promise<FileHash[]> {
  const unique = [...new Set(files)].sort();
  if (hasher) return Promise.all(unique.map(async (f) => ({ file: relativeTo(dir, f), sha256: await hasher.hash(f) })));
  const buf = Buffer.allocUnsafeSlow(1 << 20);
  const out: FileHash[] = [];
  for (const f of unique) out.push({ file: relativeTo(dir, f), sha256: await hashFile(f, buf) });
  return out;
}
