/**
 * The output folder as a build sees it. batchforge owns exactly the files its last manifest.json
 * lists (shards, ids files, rejects.jsonl) plus its reserved `.batchforge-*` names (staging
 * folder, temp files, lock); everything else in the folder is the user's and is never moved,
 * overwritten or deleted. The lifecycle files (submit-state.json, results.*, retry/) are written
 * only by submit/status/collect/retry: a build, a check or a retry never touches them.
 * A folder with content but no batchforge manifest is refused: it is someone else's.
 */
import { mkdirSync, mkdtempSync, readdirSync, renameSync, rmdirSync, rmSync, statSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { BatchforgeError, E, osProblem, problem, type Problem } from '../../errors/index.js';
import { onInterrupt } from '../../util/interrupt.js';
import { acquireLock, processAlive, type OutputLock } from '../../util/output-lock.js';
import { commitOutput, MANIFEST, manifestText, planCommit, readText, type CommitStep } from './commit-output.js';
import { MANIFEST_FORMAT, type Manifest } from './manifest.js';
import { listedFiles, readOwnManifest } from './own-manifest.js';
import { sameContent } from './same-content.js';

export { MANIFEST } from './commit-output.js';
export const REJECTS = 'rejects.jsonl';
/** written by the lifecycle commands; a build never touches them */
export const LIFECYCLE = ['submit-state.json', 'results.jsonl', 'results.csv', 'retry'];
/** what a folder may hold and still count as empty: placeholders kept in git, OS litter */
const PLACEHOLDERS = ['.gitkeep', '.keep', '.gitignore', '.DS_Store', 'Thumbs.db'];
/** errors that say the output folder cannot be written */
const READ_ONLY = ['EACCES', 'EPERM', 'EROFS'];
/** batchforge's reserved names: staging folders, temp files, the lock */
const RESERVED = /^\.batchforge-/;
/** staging folders and temp files of a process, by pid */
const LEFTOVER = /^\.batchforge-(?:build|tmp)-(\d+)(?:-|$)/;

export interface OutputSession {
  /** where the build writes its files: inside the output folder, so placing them is a rename */
  staging: string;
  /** the files that differ between the staged build and the output (`+new`, `-gone`, `~changed`) */
  diff(next: Manifest): string[];
  /** makes the staged build the output (see commit-output.ts) */
  commit(next: Manifest): void;
  /** removes the staging folder and releases the lock; safe to call twice */
  close(): void;
}

export interface OpenOptions {
  check?: boolean;
  /** the user's working folder, for paths in messages */
  cwd: string;
}

function statOrUndefined(p: string) {
  try {
    return statSync(p);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw e;
  }
}

/** Opens `outDir` (shown to the user as `shown`) for a build: checks it is batchforge's, locks it, clears leftovers. */
export function openOutput(outDir: string, shown: string, opts: OpenOptions): OutputSession {
  const st = statOrUndefined(outDir);
  if (st && !st.isDirectory()) throw new BatchforgeError(problem(E.OutputDirIsFile, { dir: shown }));
  // --check with no output yet: nothing to lock or compare against; stage where it bothers nobody
  if (!st && opts.check) return detachedSession(outDir, undefined);
  if (!st) mkdirSync(outDir, { recursive: true });
  let lock: OutputLock;
  try {
    lock = acquireLock(outDir, opts.check ? 'build --check' : 'build', shown);
  } catch (e) {
    // --check only reads the output: a read-only checkout (CI) is compared from the temp folder
    if (!opts.check || !READ_ONLY.includes((e as NodeJS.ErrnoException).code ?? '')) throw e;
    return detachedSession(outDir, ownManifest(outDir, shown));
  }
  let staging: string;
  let old: Manifest | undefined;
  let oldText: string | undefined;
  try {
    ({ manifest: old, text: oldText } = ownManifest(outDir, shown) ?? {});
    removeLeftovers(outDir);
    rescueLegacyState(outDir);
    staging = path.join(outDir, `.batchforge-build-${process.pid}`);
    rmSync(staging, { recursive: true, force: true });
    mkdirSync(staging);
  } catch (e) {
    release(lock, outDir, !st);
    throw e;
  }
  const close = closeOnce(staging, () => release(lock, outDir, !st));
  return {
    staging,
    diff: (next) => diffOutput(outDir, staging, next, old),
    commit(next) {
      const plan = planCommit(outDir, staging, next, old, oldText);
      if (plan.notOurs.length) throw new BatchforgeError(plan.notOurs.map((f) => problem(E.OutputFileNotOurs, { file: `${shown}/${f}` })));
      let step = 'stage' as CommitStep;
      try {
        commitOutput(outDir, staging, next, old, plan, (s) => {
          step = s;
          killForTest(s);
        });
      } catch (e) {
        // before the intent manifest nothing of the old output was touched, and a commit that
        // replaces no file only adds names the old manifest does not list
        const whole = step === 'stage' || (plan.displaced.length === 0 && plan.gone.length === 0);
        const note = step === 'done' ? 'the new build is committed' : whole ? 'the last good output is unchanged' : '';
        const p = osProblem(e, opts.cwd, shown, note);
        if (!p) throw e;
        const problems: Problem[] = [p];
        if (!whole && step !== 'done') problems.push(problem(E.OutputCommitIncomplete, { dir: shown }));
        throw new BatchforgeError(problems);
      }
    },
    close,
  };
}

/**
 * The crash test's hook (test/stages/shard/crash-commit.test.ts): BATCHFORGE_TEST_KILL_AT names a
 * commit step at which the process SIGKILLs itself, to prove the protocol at its riskiest instants.
 */
function killForTest(step: string): void {
  if (process.env.BATCHFORGE_TEST_KILL_AT === step) process.kill(process.pid, 'SIGKILL');
}

/** batchforge's manifest of `outDir`, or undefined for an empty folder; refuses anyone else's folder */
function ownManifest(outDir: string, shown: string): { manifest: Manifest; text: string } | undefined {
  const read = readOwnManifest(outDir);
  if (read.kind === 'foreign') throw new BatchforgeError(problem(E.OutputManifestNotOurs, { file: `${shown}/${MANIFEST}` }));
  if (read.kind === 'newer') throw new BatchforgeError(problem(E.ManifestFormatNewer, { file: `${shown}/${MANIFEST}`, format: read.format, known: MANIFEST_FORMAT }));
  if (read.kind === 'ours') return read;
  refuseForeign(outDir, shown);
  return undefined;
}

/** --check without an output folder, or with one it cannot write to: stage in the system's temp folder */
function detachedSession(outDir: string, old: { manifest: Manifest } | undefined): OutputSession {
  const staging = mkdtempSync(path.join(tmpdir(), 'batchforge-check-'));
  const close = closeOnce(staging);
  return {
    staging,
    diff: (next) => diffOutput(outDir, staging, next, old?.manifest),
    commit() {
      throw new Error('a --check build does not commit');
    },
    close,
  };
}

/**
 * A session's close: removes the staging folder (and runs `then`, e.g. releasing the lock) once,
 * whether the build ends or SIGINT/SIGTERM interrupts it.
 */
function closeOnce(staging: string, then?: () => void): () => void {
  let closed = false;
  const close = () => {
    if (closed) return;
    closed = true;
    undo();
    rmSync(staging, { recursive: true, force: true });
    then?.();
  };
  const undo = onInterrupt(close);
  return close;
}

function release(lock: OutputLock, outDir: string, created: boolean): void {
  lock.release();
  // a build that created the folder and committed nothing leaves no empty folder behind
  if (created) {
    try {
      rmdirSync(outDir);
    } catch {
      // not empty: it holds a committed build
    }
  }
}

/** A folder without a batchforge manifest must be empty but for placeholders and batchforge's own names. */
function refuseForeign(outDir: string, shown: string): void {
  const content = readdirSync(outDir)
    .filter((n) => !PLACEHOLDERS.includes(n) && !RESERVED.test(n) && !LIFECYCLE.includes(n))
    .sort();
  if (content.length) throw new BatchforgeError(problem(E.OutputNotOurs, { dir: shown, files: content.slice(0, 5), more: Math.max(0, content.length - 5) }));
}

/** Staging folders and temp files of builds and lifecycle commands that were killed (the lock is ours now). */
function removeLeftovers(outDir: string): void {
  for (const name of readdirSync(outDir)) {
    const m = LEFTOVER.exec(name);
    if (m && Number(m[1]) !== process.pid) rmSync(path.join(outDir, name), { recursive: true, force: true });
  }
}

/**
 * Versions before the commit protocol built in `.batchforge-tmp-<out>-<pid>/` beside the output
 * and moved the lifecycle files into it before swapping folders; a killed build left them there.
 * They go back into the output folder when it lacks them (so nobody resubmits paid batches), then
 * the leftover goes. Only leftovers of dead processes are touched.
 */
function rescueLegacyState(outDir: string): void {
  const parent = path.dirname(outDir);
  const legacy = new RegExp(`^\\.batchforge-tmp-${escapeRegExp(path.basename(outDir))}-(\\d+)(?:-old)?$`);
  let names: string[];
  try {
    names = readdirSync(parent);
  } catch {
    return; // a mount point's parent may be unreadable: nothing of ours can be there then
  }
  for (const name of names) {
    const m = legacy.exec(name);
    if (!m || processAlive(Number(m[1]))) continue;
    const dir = path.join(parent, name);
    for (const file of LIFECYCLE) {
      const from = path.join(dir, file);
      if (existsSync(from) && !existsSync(path.join(outDir, file))) renameSync(from, path.join(outDir, file));
    }
    rmSync(dir, { recursive: true, force: true });
  }
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** `build --check`: the staged build against the output, byte by byte (a shard edited by hand is stale). */
function diffOutput(outDir: string, staging: string, next: Manifest, old: Manifest | undefined): string[] {
  const oldListed = old ? listedFiles(old) : new Map<string, string | undefined>();
  const wanted = listedFiles(next);
  const out: string[] = [];
  for (const name of [...wanted.keys(), MANIFEST].sort()) {
    const target = path.join(outDir, name);
    if (name === MANIFEST) {
      const text = readText(target);
      if (text === undefined) out.push(`+${name}`);
      else if (text !== manifestText(next)) out.push(`~${name}`);
    } else if (!oldListed.has(name) || !existsSync(target)) out.push(`+${name}`);
    else if (!sameContent(path.join(staging, name), target)) out.push(`~${name}`);
  }
  for (const name of [...oldListed.keys()].sort()) if (!wanted.has(name)) out.push(`-${name}`);
  return out;
}
