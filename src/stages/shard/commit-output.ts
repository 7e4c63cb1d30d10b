/**
 * The commit protocol: how a build's staged files become the output without ever leaving a
 * manifest.json that lists a file which is missing or differs from its hash, in any folder
 * (a mount point, a symlink, a Docker volume: output.dir itself is never renamed or replaced).
 *
 * 1. stage: every new file is written under `<out>/.batchforge-build-<pid>/` (same file system
 *    as its final place, so step 3 is a plain rename) and flushed to the disk;
 * 2. intent: manifest.json is rewritten (temp, fsync, rename) as the old manifest minus the files
 *    about to be replaced or removed, plus `pending`: every name steps 3 and 4 touch. It lists
 *    only intact files and keeps every touched name batchforge's, so a crash from here on leaves
 *    nothing the next build would mistake for a user's file;
 * 3. clean: the files the old manifest owned and the new one does not are removed;
 * 4. place: the staged files whose content is new are renamed into place (unchanged ones stay);
 * 5. commit: the new manifest.json is written through a temp file and renamed: the commit point.
 *    Nothing of the old build is left to remove after it, so the committed manifest (which has
 *    no `pending`: its bytes are the build's) never leaves an orphan behind.
 *
 * Shard names stay deterministic (`<batch>-00001.jsonl`): the same inputs give the same names and
 * bytes, so `build --check` compares, and a rebuild that changes nothing renames nothing. The
 * price is step 2: while shards are replaced or removed, the old output is no longer whole, so
 * that intermediate manifest says `partial` and submit/collect/retry refuse it until the next
 * build. A build that only adds names never says partial.
 */
import { lstatSync, readFileSync, renameSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';
import type { Manifest } from './manifest.js';
import { listedFiles, ownedFiles } from './own-manifest.js';
import { fsyncDir, fsyncFile, writeFileAtomic } from '../../util/write-atomic.js';
import { sameContent } from './same-content.js';

export const MANIFEST = 'manifest.json';

/** the steps a commit announces as it begins each: `stage` is before any, `place:N` before the Nth rename */
export type CommitStep = 'stage' | 'intent' | 'clean' | `place:${number}` | 'commit' | 'done';

export function manifestText(m: Manifest): string {
  return JSON.stringify(m, null, 2) + '\n';
}

export interface CommitPlan {
  /** names the new manifest lists that must be moved into place (new or changed) */
  place: string[];
  /** of those, the names the old manifest lists with other content */
  displaced: string[];
  /** names the old manifest owned that the new one does not list */
  gone: string[];
  /** the new manifest's text; undefined when manifest.json already holds exactly it */
  text: string | undefined;
  /** names that are in the way: present in out/, wanted by the new manifest, not batchforge's */
  notOurs: string[];
}

/** What committing `next` over `old` would do; reads, writes nothing. */
export function planCommit(outDir: string, staging: string, next: Manifest, old: Manifest | undefined, oldText: string | undefined): CommitPlan {
  const wanted = listedFiles(next);
  const oldListed = old ? listedFiles(old) : new Map<string, string | undefined>();
  const owned = old ? ownedFiles(old) : new Set<string>();
  const plan: CommitPlan = { place: [], displaced: [], gone: [], text: undefined, notOurs: [] };
  for (const [name, sha] of wanted) {
    const target = path.join(outDir, name);
    const present = lstatOrUndefined(target);
    if (present && !owned.has(name)) {
      plan.notOurs.push(name);
      continue;
    }
    if (present && oldListed.has(name) && unchanged(path.join(staging, name), target, sha, oldListed.get(name))) continue;
    plan.place.push(name);
    if (oldListed.has(name)) plan.displaced.push(name);
  }
  for (const name of owned) if (!wanted.has(name)) plan.gone.push(name);
  const text = manifestText(next);
  if (text !== oldText) plan.text = text;
  return plan;
}

/**
 * Same content as the file in place: shards compare their sha256 (the new one hashed while
 * written, the old one from its manifest) and size, so a rebuild does not read hundreds of MB
 * again; files without a hash in the manifest (ids files, rejects) are compared byte by byte.
 */
function unchanged(staged: string, target: string, sha: string | undefined, oldSha: string | undefined): boolean {
  if (sha !== undefined) return sha === oldSha && statSync(staged).size === statSync(target).size;
  return sameContent(staged, target);
}

function lstatOrUndefined(file: string) {
  try {
    return lstatSync(file);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw e;
  }
}

/** The manifest written before files move (step 2): the old one minus `displaced`, owning `pending`. */
export function intentManifest(next: Manifest, old: Manifest | undefined, plan: CommitPlan): Manifest {
  const pending = [...new Set([...(old?.pending ?? []), ...plan.place, ...plan.gone])].sort();
  if (!old) return { ...next, batches: [], rejects: undefined, partial: true, pending } as Manifest;
  const displaced = new Set([...plan.displaced, ...plan.gone]);
  const batches = old.batches.map((b) => ({ ...b, shards: b.shards.filter((s) => !displaced.has(s.file) && !(s.ids_file && displaced.has(s.ids_file))) }));
  const partial = old.partial || displaced.size > 0;
  const intent: Manifest = { ...old, batches, ...(partial && { partial: true as const }), pending };
  if (old.rejects && displaced.has(old.rejects.file)) delete intent.rejects;
  return intent;
}

/**
 * Commits the staged build (see the top of this file). `onStep` is called as each step begins,
 * for the crash test and for telling the user whether the old output is still whole.
 */
export function commitOutput(outDir: string, staging: string, next: Manifest, old: Manifest | undefined, plan: CommitPlan, onStep: (step: CommitStep) => void = () => {}): void {
  onStep('stage');
  for (const name of plan.place) fsyncFile(path.join(staging, name));
  if (plan.place.length > 0 || plan.gone.length > 0) {
    onStep('intent');
    writeFileAtomic(path.join(outDir, MANIFEST), manifestText(intentManifest(next, old, plan)));
    onStep('clean');
    for (const name of plan.gone) {
      const file = path.join(outDir, name);
      // a name of ours that someone turned into a folder is left alone: never delete a folder's content
      if (lstatOrUndefined(file)?.isDirectory() === false) rmSync(file, { force: true });
    }
    for (const [i, name] of plan.place.entries()) {
      onStep(`place:${i}`);
      renameSync(path.join(staging, name), path.join(outDir, name));
    }
    fsyncDir(outDir);
  }
  onStep('commit');
  if (plan.text !== undefined) writeFileAtomic(path.join(outDir, MANIFEST), plan.text);
  onStep('done');
}

export function readText(file: string): string | undefined {
  try {
    return readFileSync(file, 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw e;
  }
}
