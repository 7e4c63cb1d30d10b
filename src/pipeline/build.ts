/**
 * build(): config → shards + manifest, atomically. Returns problems and a summary as data; the CLI
 * decides how to print them. With on_error: fail any bad request fails the build (the first
 * MAX_PROBLEMS distinct ones are reported); with skip, bad requests go to rejects.jsonl.
 */
import { appendFileSync, readFileSync, renameSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';
import { loadConfig, type LoadConfigOptions } from '../config/load.js';
import type { ResolvedConfig } from '../config/resolved.js';
import { BatchforgeError, E, outputProblem, problem, type Problem } from '../errors/index.js';
import { MANIFEST_FORMAT, type Manifest } from '../stages/shard/manifest.js';
import { nothingToWrite } from '../stages/shard/nothing-to-write.js';
import { openOutput, REJECTS, type OutputSession } from '../stages/shard/output-dir.js';
import type { UniqueIdsOptions } from '../stages/validate/unique-ids.js';
import { displayPath } from '../util/paths.js';
import { growYoungGeneration, holdYoungGeneration } from '../util/young-generation.js';
import { VERSION } from '../version.js';
import { hashFiles, relativeTo, SourceHashes } from './hash-files.js';
import { defaultThreads, threadsAvailable } from '../threads/group-threads.js';
import { OneThreadNeeded } from '../threads/one-thread-needed.js';
import { prepare, type Prepared, type PreparedGroup } from './prepare.js';
import { MAX_PROBLEMS } from './problem-tally.js';
import { RejectsFile } from './rejects-file.js';
import { runGroup, type GroupProgress, type GroupRun, type GroupRunOptions } from './run-group.js';
import { threadsRefuse } from './thread-outcomes.js';
import { totals, type BuildSummary } from './summary.js';

export { prepare, type Prepared, type PreparedBatch, type PreparedGroup } from './prepare.js';

export { MAX_PROBLEMS, SAME_PROBLEM_SHOWN } from './problem-tally.js';

export interface Progress extends GroupProgress {
  batch: string;
}

export interface BuildOptions extends LoadConfigOptions {
  /** compare with the existing output instead of writing it */
  check?: boolean;
  /** called after each chunk of rows */
  onProgress?: (p: Progress) => void;
  /** custom_ids kept in memory before later ones are spilled to disk (default MEMORY_IDS; tests make it small) */
  memoryIds?: number;
  /**
   * worker threads that read a group in parts: 1 keeps the build on one thread; a number above 1
   * uses that many for every group that can be read in parts; by default, one per core for a group
   * whose source bytes × matrix variants reach THREAD_MIN_WORK
   */
  threads?: number;
}

/**
 * The work below which a build stays on one thread, in source bytes × matrix variants: starting
 * workers (each loads batchforge and compiles the templates) and handing rows between threads cost
 * more than a second core saves on small jobs. Workload (a)'s CSV cut to size, 2 cores, medians of 7
 * (one thread against two workers): 17 MB 0.52 s against 0.62 s, 35 MB 0.83 s both, 65 MB 1.41 s
 * against 1.24 s (10:07 UTC).
 */
export const THREAD_MIN_WORK = 48 * 1000 * 1000;

/** How a group is read: in parts on worker threads, or (undefined) on this thread. */
function threadsFor(group: PreparedGroup, asked: number | undefined): GroupRunOptions['threads'] {
  if (asked === 1 || !threadsAvailable() || threadsRefuse(group) !== undefined) return undefined;
  const count = asked ?? defaultThreads();
  if (count < 2) return undefined;
  let sourceBytes = 0;
  for (const f of group.files) sourceBytes += statSync(f.path, { throwIfNoEntry: false })?.size ?? 0;
  if (asked === undefined && sourceBytes * group.variants.length < THREAD_MIN_WORK) return undefined;
  return { count, sourceBytes };
}

export interface BuildResult {
  ok: boolean;
  /** errors and warnings, in the order found */
  problems: Problem[];
  summary?: BuildSummary;
  manifest?: Manifest;
  /** absolute output folder */
  outDir?: string;
  /** with check: the files that differ (`+new`, `-gone`, `~changed`); empty when up to date */
  stale?: string[];
}

/** output.dir holding the config's folder: a build there would list the project's files as its own */
function unsafeOutDir(config: ResolvedConfig): boolean {
  const rel = path.relative(config.outDir, config.dir);
  return rel === '' || !rel.startsWith('..');
}

export async function build(opts: BuildOptions = {}): Promise<BuildResult> {
  holdYoungGeneration();
  try {
    return await buildOnce(opts);
  } finally {
    growYoungGeneration();
  }
}

async function buildOnce(opts: BuildOptions): Promise<BuildResult> {
  const started = performance.now();
  const loaded = await loadConfig(opts);
  if (!loaded.config) return { ok: false, problems: loaded.problems };
  const config = loaded.config;
  const problems = [...loaded.problems];
  const { outDir } = config;
  if (unsafeOutDir(config)) {
    const p = problem(E.OutputInsideSource, { dir: displayPath(outDir, config.cwd) }, config.batches[0]!.at(['output', 'dir']));
    return { ok: false, problems: [...problems, p] };
  }
  let prepared: Prepared;
  try {
    prepared = await prepare(config);
  } catch (e) {
    if (e instanceof BatchforgeError) return { ok: false, problems: [...problems, ...e.problems] };
    throw e;
  }

  problems.push(...prepared.notes);
  const shownOut = displayPath(outDir, config.cwd);
  let output: OutputSession;
  try {
    output = openOutput(outDir, shownOut, { cwd: config.cwd, ...(opts.check && { check: true }) });
  } catch (e) {
    if (e instanceof BatchforgeError) return { ok: false, problems: [...problems, ...e.problems] };
    const p = outputProblem(e, shownOut, config.cwd);
    if (p) return { ok: false, problems: [...problems, p] };
    throw e;
  }
  const tmp = output.staging;
  const rename = prepared.groups
    .flatMap((g) => g.files.map((f): [string, string] => [f.display, relativeTo(config.dir, f.path)]))
    .filter(([a, b]) => a !== b);
  try {
    const runs: GroupRun[] = [];
    const sourceHashes = new SourceHashes();
    let failing = false;
    let shown = 0;
    for (const [i, group] of prepared.groups.entries()) {
      const ids: UniqueIdsOptions = { spillDir: path.join(tmp, `.ids-${i}`), ...(opts.memoryIds !== undefined && { memoryIds: opts.memoryIds }) };
      const run = (known?: Uint32Array, threads?: GroupRunOptions['threads']) =>
        runGroup(group, {
          ...(threads && { threads }),
          tmp,
          ...(!opts.check && { flushEarly: true }),
          rejects: new RejectsFile(rejectsOf(tmp, i), rename),
          failing,
          budget: MAX_PROBLEMS - shown,
          ids: known ? { ...ids, known } : ids,
          onBytes: sourceHashes.sink,
          ...(opts.onProgress && { onProgress: (p: GroupProgress) => opts.onProgress!({ batch: group.name, ...p }) }),
        });
      let res: GroupRun;
      try {
        res = await run(undefined, threadsFor(group, opts.threads));
      } catch (e) {
        // a faulty CSV row, invalid bytes, a duplicate id: the one-thread read decides and reports it
        if (!(e instanceof OneThreadNeeded)) throw e;
        res = await run();
      }
      if (res.late.length) {
        // duplicates among ids spilled to disk, found after the last row: this run is thrown
        // away and the group read again with them known, rejecting each at its row
        discardRun(tmp, res, i);
        res = await run(res.late);
      }
      runs.push(res);
      problems.push(...res.problems);
      shown += res.shown;
      failing ||= res.failed;
    }
    const rejectLines = joinRejects(tmp, runs);
    const summary = totals(
      runs.flatMap((r) => r.summaries),
      Math.round(performance.now() - started),
      runs.some((r) => r.stopped),
    );
    const batches = runs.flatMap((r) => r.manifests);
    if (problems.some((p) => p.severity === 'error')) return { ok: false, problems, summary, outDir };
    const empty = nothingToWrite(summary, prepared.groups.flatMap((g) => g.files.map((f) => f.display)), tmp, `${shownOut}/`);
    if (empty) return { ok: false, problems: [...problems, empty], summary, outDir };
    // sources were hashed as they were read; what reading left out is hashed now that the build
    // has succeeded (a failing build needs no hashes)
    const [configHash, sources, templates] = [
      await hashFiles(config.dir, [config.file]),
      await hashFiles(config.dir, prepared.groups.flatMap((g) => g.files.map((f) => f.path)), sourceHashes),
      await hashFiles(config.dir, prepared.templateFiles),
    ];
    const manifest: Manifest = {
      tool: 'batchforge',
      version: VERSION,
      format: MANIFEST_FORMAT,
      config: configHash[0]!,
      sources,
      templates,
      batches,
      ...(rejectLines > 0 && { rejects: { file: REJECTS, lines: rejectLines } }),
    };
    if (opts.check) {
      const stale = output.diff(manifest);
      if (stale.length) problems.push(problem(E.OutputStale, { files: stale }));
      return { ok: stale.length === 0, problems, summary, manifest, outDir, stale };
    }
    output.commit(manifest);
    return { ok: true, problems, summary, manifest, outDir };
  } catch (e) {
    if (e instanceof BatchforgeError) return { ok: false, problems: [...problems, ...e.problems], outDir };
    const p = outputProblem(e, shownOut, config.cwd);
    if (p) return { ok: false, problems: [...problems, p], outDir };
    throw e;
  } finally {
    output.close();
  }
}

/** Removes what a group's run wrote: its shards and its rejects. */
function discardRun(tmp: string, run: GroupRun, index: number): void {
  for (const { shards } of run.manifests) {
    for (const shard of shards) {
      rmSync(path.join(tmp, shard.file), { force: true });
      if (shard.ids_file) rmSync(path.join(tmp, shard.ids_file), { force: true });
    }
  }
  rmSync(rejectsOf(tmp, index), { force: true });
}

const rejectsOf = (tmp: string, index: number) => path.join(tmp, `.rejects-${index}.jsonl`);

/** rejects.jsonl: the kept runs' rejects, in group order; returns its lines (no file when none). */
function joinRejects(tmp: string, runs: GroupRun[]): number {
  let lines = 0;
  const out = path.join(tmp, REJECTS);
  runs.forEach((run, i) => {
    const file = rejectsOf(tmp, i);
    if (run.rejects > 0) {
      if (lines === 0) renameSync(file, out);
      else appendFileSync(out, readFileSync(file));
      lines += run.rejects;
    }
    rmSync(file, { force: true });
  });
  return lines;
}
