/** Fixture trees for end-to-end tests: write a folder of files in a temp dir, copy and read folders back. */
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach } from 'vitest';

/** the repository root (this file is test/support/tree.ts) */
export const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

/** a fresh temp folder, removed after the test */
export function tempDir(prefix = 'batchforge-e2e-'): string {
  const d = mkdtempSync(path.join(tmpdir(), prefix));
  dirs.push(d);
  return d;
}

/** writes `files` (relative path → content) into a fresh temp folder and returns it */
export function writeTree(files: Record<string, string | Buffer>, root = tempDir()): string {
  for (const [rel, content] of Object.entries(files)) {
    const file = path.join(root, rel);
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, content);
  }
  return root;
}

/** copies `from` into a fresh temp folder, leaving out the top-level names in `skip` */
export function copyTree(from: string, skip: string[] = []): string {
  const root = tempDir();
  for (const name of readdirSync(from)) {
    if (skip.includes(name)) continue;
    cpSync(path.join(from, name), path.join(root, name), { recursive: true });
  }
  return root;
}

/** every file under `dir` (relative posix path → bytes), sorted by path */
export function readTree(dir: string): Map<string, Buffer> {
  const out = new Map<string, Buffer>();
  const walk = (d: string, rel: string) => {
    for (const name of readdirSync(d).sort()) {
      const full = path.join(d, name);
      const r = rel ? `${rel}/${name}` : name;
      if (statSync(full).isDirectory()) walk(full, r);
      else out.set(r, readFileSync(full));
    }
  };
  walk(dir, '');
  return out;
}

/** the tree's files with their mtimes, to prove that a command wrote nothing */
export function snapshot(dir: string): Array<[string, string, number]> {
  const out: Array<[string, string, number]> = [];
  for (const [rel, bytes] of readTree(dir)) out.push([rel, bytes.toString('base64'), statSync(path.join(dir, rel)).mtimeMs]);
  return out;
}

/** the JSONL lines of every shard in `outDir`, parsed, with the shard they came from */
export function shardLines(outDir: string): Array<{ shard: string; line: Record<string, unknown> }> {
  const out: Array<{ shard: string; line: Record<string, unknown> }> = [];
  for (const [rel, bytes] of readTree(outDir)) {
    if (!rel.endsWith('.jsonl') || rel === 'rejects.jsonl') continue;
    const text = bytes.toString('utf8');
    if (!text.endsWith('\n')) throw new Error(`${rel} does not end with a newline`);
    for (const l of text.slice(0, -1).split('\n')) out.push({ shard: rel, line: JSON.parse(l) as Record<string, unknown> });
  }
  return out;
}
