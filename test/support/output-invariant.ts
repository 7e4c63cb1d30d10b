/**
 * The promise of the commit protocol, as a check: manifest.json (when there is one) is
 * batchforge's, every file it lists exists with the sha256 it lists, and every other entry of the
 * output folder is the user's (`user`), a lifecycle file, or a reserved `.batchforge-*` name or a
 * name the manifest marks pending (leftovers the next build removes).
 */
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { Manifest } from '../../src/stages/shard/manifest.js';
import { listedFiles } from '../../src/stages/shard/own-manifest.js';

const LIFECYCLE = ['submit-state.json', 'results.jsonl', 'results.csv', 'retry'];

export interface OutputState {
  manifest: Manifest | undefined;
  /** listed files that are missing or differ from their sha256 */
  broken: string[];
  /** entries that are neither listed, the user's, lifecycle files, nor leftovers */
  unexplained: string[];
  /** reserved `.batchforge-*` names and pending names not listed */
  leftovers: string[];
}

export function outputState(outDir: string, user: string[]): OutputState {
  const text = existsSync(path.join(outDir, 'manifest.json')) ? readFileSync(path.join(outDir, 'manifest.json'), 'utf8') : undefined;
  const manifest = text === undefined ? undefined : (JSON.parse(text) as Manifest);
  const listed = manifest ? listedFiles(manifest) : new Map<string, string | undefined>();
  const broken: string[] = [];
  for (const [name, sha] of listed) {
    const file = path.join(outDir, name);
    if (!existsSync(file)) broken.push(name);
    else if (sha !== undefined && createHash('sha256').update(readFileSync(file)).digest('hex') !== sha) broken.push(name);
  }
  const pending = new Set(manifest?.pending ?? []);
  const unexplained: string[] = [];
  const leftovers: string[] = [];
  for (const name of existsSync(outDir) ? readdirSync(outDir).sort() : []) {
    if (name === 'manifest.json' || listed.has(name) || user.includes(name) || LIFECYCLE.includes(name)) continue;
    if (name.startsWith('.batchforge-') || pending.has(name)) leftovers.push(name);
    else unexplained.push(name);
  }
  return { manifest, broken, unexplained, leftovers };
}
