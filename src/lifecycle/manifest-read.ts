/** Reads `<dir>/manifest.json`, the build's list of batches and shards, for the lifecycle commands. */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { BatchforgeError, E, problem } from '../errors/index.js';
import type { BatchManifest, Manifest, ShardInfo } from '../stages/shard/manifest.js';

export const MANIFEST_FILE = 'manifest.json';

export async function readManifest(outDir: string, shownDir: string = outDir): Promise<Manifest> {
  try {
    return JSON.parse(await readFile(join(outDir, MANIFEST_FILE), 'utf8')) as Manifest;
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') {
      throw new BatchforgeError(problem(E.ManifestMissing, { dir: shownDir }));
    }
    throw e;
  }
}

/** Every shard with its batch, in manifest order (the build's output order). */
export function* shardsOf(manifest: Manifest): Generator<{ batch: BatchManifest; shard: ShardInfo }> {
  for (const batch of manifest.batches) for (const shard of batch.shards) yield { batch, shard };
}
