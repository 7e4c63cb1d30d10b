/**
 * Whether a folder's manifest.json is batchforge's own, and which files it makes batchforge's.
 * A manifest is ours only when it says so: `"tool": "batchforge"` and a format version (or, for
 * manifests written before formats existed, a version string and a batches list). Any other
 * manifest.json (a web app's, a hand-written one) makes the folder someone else's.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { MANIFEST_FORMAT, type Manifest } from './manifest.js';

export type ManifestRead =
  | { kind: 'none' }
  | { kind: 'ours'; manifest: Manifest; text: string }
  | { kind: 'foreign' }
  | { kind: 'newer'; format: string };

export function classifyManifest(text: string): ManifestRead {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return { kind: 'foreign' };
  }
  if (typeof json !== 'object' || json === null || Array.isArray(json)) return { kind: 'foreign' };
  const m = json as Record<string, unknown>;
  if (m.tool !== 'batchforge' || !Array.isArray(m.batches)) return { kind: 'foreign' };
  if (m.format === undefined) return typeof m.version === 'string' ? { kind: 'ours', manifest: json as Manifest, text } : { kind: 'foreign' };
  if (typeof m.format !== 'number' || !Number.isInteger(m.format) || m.format < 1) return { kind: 'foreign' };
  if (m.format > MANIFEST_FORMAT) return { kind: 'newer', format: String(m.format) };
  return { kind: 'ours', manifest: json as Manifest, text };
}

/** Reads and classifies `<dir>/manifest.json`; `none` when there is no such file. */
export function readOwnManifest(dir: string): ManifestRead {
  let text: string;
  try {
    text = readFileSync(path.join(dir, 'manifest.json'), 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return { kind: 'none' };
    throw e;
  }
  return classifyManifest(text);
}

/** a plain file name inside the folder: a manifest cannot make batchforge touch `../x` or `a/b` */
function plainName(name: unknown): name is string {
  return typeof name === 'string' && name !== '' && name !== '.' && name !== '..' && !/[/\\]/.test(name);
}

/** The files a manifest lists, each with its sha256 when the manifest has one (shards). */
export function listedFiles(m: Manifest): Map<string, string | undefined> {
  const files = new Map<string, string | undefined>();
  for (const batch of m.batches ?? []) {
    for (const shard of batch.shards ?? []) {
      if (plainName(shard.file)) files.set(shard.file, shard.sha256);
      if (plainName(shard.ids_file)) files.set(shard.ids_file, undefined);
    }
  }
  if (plainName(m.rejects?.file)) files.set(m.rejects.file, undefined);
  return files;
}

/** Every name a manifest makes batchforge's: what it lists plus what an interrupted commit may have placed. */
export function ownedFiles(m: Manifest): Set<string> {
  const owned = new Set(listedFiles(m).keys());
  for (const name of m.pending ?? []) if (plainName(name)) owned.add(name);
  return owned;
}
