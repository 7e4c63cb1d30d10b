/**
 * sha256 of input files for the manifest. A source's hash is taken from the bytes the loader reads
 * (SourceHashes.sink), so each file is read once: hashing after the build read 1M rows' CSV
 * (~350 MB) a second time. A file the build did not read to its end (a limit, a build that stopped)
 * is hashed on from where the loader stopped; one it never opened (Parquet) is read here.
 */
import { createHash, type Hash } from 'node:crypto';
import { open } from 'node:fs/promises';
import path from 'node:path';
import type { ByteSink, SourceFile } from '../stages/load/index.js';
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

interface Partial {
  hash: Hash;
  /** bytes hashed so far, from the start of the file */
  bytes: number;
  /** the hex digest, once the whole file went through */
  done?: string;
}

/** Source hashes taken while the loader reads: one per file, from its first read. */
export class SourceHashes {
  private readonly files = new Map<string, Partial>();

  /** for ReadOptions.onBytes: a sink for the file's first read, none for a later one */
  readonly sink = (file: SourceFile): ByteSink | undefined => {
    if (this.files.has(file.path)) return undefined;
    const p: Partial = { hash: createHash('sha256'), bytes: 0 };
    this.files.set(file.path, p);
    return (block) => {
      if (block === null) p.done = p.hash.digest('hex');
      else {
        p.hash.update(block);
        p.bytes += block.byteLength;
      }
    };
  };

  async digest(file: string, bufs: BlockBuffers): Promise<string> {
    const p = this.files.get(file);
    if (!p) return hashFile(file, bufs);
    if (p.done === undefined) {
      // the loader stopped early: the rest of the file, from where it stopped
      const fh = await open(file, 'r');
      try {
        const buf = bufs[0];
        for (let at = p.bytes; ; ) {
          const { bytesRead } = await fh.read(buf, 0, buf.length, at);
          if (bytesRead === 0) break;
          p.hash.update(buf.subarray(0, bytesRead));
          at += bytesRead;
        }
      } finally {
        await fh.close();
      }
      p.done = p.hash.digest('hex');
    }
    return p.done;
  }
}

/** Hashes of files as the manifest lists them: sorted, relative to `dir` (`known`: taken while reading). */
export async function hashFiles(dir: string, files: string[], known?: SourceHashes): Promise<FileHash[]> {
  const unique = [...new Set(files)].sort();
  // one file at a time, through one pair of buffers: a pair per file would be memory per file of a big glob
  const bufs = blockBuffers(1 << 20);
  const out: FileHash[] = [];
  for (const f of unique) out.push({ file: relativeTo(dir, f), sha256: known ? await known.digest(f, bufs) : await hashFile(f, bufs) });
  return out;
}
