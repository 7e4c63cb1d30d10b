/**
 * Reads `<dir>/manifest.json`, the build's list of batches and shards, for the lifecycle commands.
 * Only batchforge's own manifest is read (see own-manifest.ts), and never one an interrupted
 * commit left (`partial`): submitting it would send half a build.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { BatchforgeError, E, problem } from '../errors/index.js';
import { MANIFEST_FORMAT, type BatchManifest, type Manifest, type ShardInfo } from '../stages/shard/manifest.js';
import { classifyManifest } from '../stages/shard/own-manifest.js';

export const MANIFEST_FILE = 'manifest.json';

export async function readManifest(outDir: string, shownDir: string = outDir): Promise<Manifest> {
  let text: string;
  try {
    text = await readFile(join(outDir, MANIFEST_FILE), 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') {
      throw new BatchforgeError(problem(E.ManifestMissing, { dir: shownDir }));
    }
    throw e;
  }
  const file = `${shownDir.replace(/\/+$/, '')}/${MANIFEST_FILE}`;
  const read = classifyManifest(text);
  if (read.kind === 'newer') throw new BatchforgeError(problem(E.ManifestFormatNewer, { file, format: read.format, known: MANIFEST_FORMAT }));
  if (read.kind !== 'ours') throw new BatchforgeError(problem(E.OutputManifestNotOurs, { file }));
  if (read.manifest.partial) throw new BatchforgeError(problem(E.ManifestPartial, { file }));
  return read.manifest;
}

/** Every shard with its batch, in manifest order (the build's output order). */
export function* shardsOf(manifest: Manifest): Generator<{ batch: BatchManifest; shard: ShardInfo }> {
  for (const batch of manifest.batches) for (const shard of batch.shards) yield { batch, shard };
}
