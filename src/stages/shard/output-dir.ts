/**
 * Atomic output: a build writes into a temp folder beside out/, then swaps it in, so a failed
 * build never touches the last good output and shards from an earlier, larger build disappear.
 * Files of the batch lifecycle (submit state, results, retries) are carried over from the old
 * out/ so that rebuilding never loses track of submitted batches.
 */
import { closeSync, existsSync, mkdirSync, openSync, readdirSync, readSync, renameSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';

/** Lifecycle files kept across rebuilds; never compared by --check. */
export const PRESERVED = ['submit-state.json', 'results.jsonl', 'results.csv', 'retry'];
export const MANIFEST = 'manifest.json';
export const REJECTS = 'rejects.jsonl';

export function makeTempDir(outDir: string): string {
  const tmp = path.join(path.dirname(outDir), `.batchforge-tmp-${path.basename(outDir)}-${process.pid}`);
  rmSync(tmp, { recursive: true, force: true });
  mkdirSync(tmp, { recursive: true });
  return tmp;
}

export function removeDir(dir: string): void {
  rmSync(dir, { recursive: true, force: true });
}

/** Replaces outDir with tmp, keeping the lifecycle files of the old outDir. */
export function commitOutput(tmp: string, outDir: string): void {
  if (existsSync(outDir)) {
    for (const name of PRESERVED) {
      const from = path.join(outDir, name);
      if (existsSync(from)) renameSync(from, path.join(tmp, name));
    }
    const old = `${tmp}-old`;
    renameSync(outDir, old);
    renameSync(tmp, outDir);
    rmSync(old, { recursive: true, force: true });
  } else {
    mkdirSync(path.dirname(outDir), { recursive: true });
    renameSync(tmp, outDir);
  }
}

/** Files that differ between a fresh build in tmp and outDir, lifecycle files aside: `+` new, `-` gone, `~` changed. */
export function diffOutput(tmp: string, outDir: string): string[] {
  const list = (d: string) => (existsSync(d) ? readdirSync(d).filter((f) => !PRESERVED.includes(f)).sort() : []);
  const fresh = list(tmp);
  const old = new Set(list(outDir));
  const out: string[] = [];
  for (const f of fresh) {
    if (!old.has(f)) out.push(`+${f}`);
    else {
      old.delete(f);
      const a = path.join(tmp, f);
      const b = path.join(outDir, f);
      if (!sameContent(a, b)) out.push(`~${f}`);
    }
  }
  for (const f of old) out.push(`-${f}`);
  return out;
}

/** An existing, non-empty folder without a manifest was not written by batchforge: never replace it. */
export function isForeignDir(outDir: string): boolean {
  if (!existsSync(outDir)) return false;
  const entries = readdirSync(outDir);
  return entries.length > 0 && !entries.includes(MANIFEST);
}

/** Byte comparison in 1 MiB blocks: shards can be hundreds of MB. */
function sameContent(a: string, b: string): boolean {
  const sa = statSync(a);
  const sb = statSync(b);
  if (!sa.isFile() || !sb.isFile() || sa.size !== sb.size) return sa.isDirectory() && sb.isDirectory();
  const fa = openSync(a, 'r');
  const fb = openSync(b, 'r');
  const ba = Buffer.allocUnsafe(1 << 20);
  const bb = Buffer.allocUnsafe(1 << 20);
  try {
    for (;;) {
      const na = readSync(fa, ba, 0, ba.length, null);
      const nb = readSync(fb, bb, 0, bb.length, null);
      if (na !== nb || ba.compare(bb, 0, nb, 0, na) !== 0) return false;
      if (na === 0) return true;
    }
  } finally {
    closeSync(fa);
    closeSync(fb);
  }
}
