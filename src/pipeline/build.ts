/**
 * build(): config → shards + manifest, atomically. Returns problems and a summary as data; the CLI
 * decides how to print them. With on_error: fail any bad request fails the build (the first
 * MAX_PROBLEMS distinct ones are reported); with skip, bad requests go to rejects.jsonl.
 */
import { closeSync, ftruncateSync, openSync, rmSync, writeSync } from 'node:fs';
import path from 'node:path';
import { loadConfig, type LoadConfigOptions } from '../config/load.js';
import type { ResolvedBatch, ResolvedConfig } from '../config/resolved.js';
import { BatchforgeError, E, formatLocation, outputProblem, problem, type Problem } from '../errors/index.js';
import { formatOrigin, type Row } from '../stages/load/row.js';
import { MANIFEST_FORMAT, type BatchManifest, type Manifest } from '../stages/shard/manifest.js';
import { nothingToWrite } from '../stages/shard/nothing-to-write.js';
import { openOutput, REJECTS, type OutputSession } from '../stages/shard/output-dir.js';
import type { UniqueIdsOptions } from '../stages/validate/unique-ids.js';
import { displayPath } from '../util/paths.js';
import { VERSION } from '../version.js';
import { hashFiles, relativeTo } from './hash-files.js';
import { prepare, type Prepared } from './prepare.js';
import { nameFirstRows, runGroup, type GroupProgress } from './run-group.js';
import { totals, type BatchSummary, type BuildSummary } from './summary.js';

export { prepare, type Prepared, type PreparedBatch, type PreparedGroup } from './prepare.js';

/** distinct errors reported before a failing build stops reading */
export const MAX_PROBLEMS = 20;
/** the same error at the same place (a template bug hits every row) is shown this often, then counted */
export const SAME_PROBLEM_SHOWN = 3;

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
  const rejects = new Rejects(tmp, config, prepared);
  try {
    const summaries: BatchSummary[] = [];
    const batches: BatchManifest[] = [];
    const tally = new ProblemTally(problems);
    for (const [i, group] of prepared.groups.entries()) {
      const skip = group.variants[0]!.batch.onError === 'skip';
      const ids: UniqueIdsOptions = { spillDir: path.join(tmp, `.ids-${i}`), ...(opts.memoryIds !== undefined && { memoryIds: opts.memoryIds }) };
      const run = (known?: Uint32Array) =>
        runGroup(group, tmp, {
          fail: (row, p, batch) => (skip ? rejects.write(row, p, batch) : tally.add(p)),
          writing: () => skip || !tally.failed,
          ...(opts.onProgress && { onProgress: (p: GroupProgress) => opts.onProgress!({ batch: group.name, ...p }) }),
          ids: known ? { ...ids, known } : ids,
        });
      const marks = { tally: tally.mark(), rejects: rejects.mark() };
      let res = await run();
      if (res.late.length) {
        // duplicates among ids spilled to disk, found after the last row: run the group again,
        // rejecting them at their rows, as if every id had been kept in memory
        discardShards(tmp, res.manifests);
        tally.rewind(marks.tally);
        rejects.rewind(marks.rejects);
        res = await run(res.late);
      }
      // a failing build names each duplicate's first row (skip mode wrote its rejects already)
      if (!skip && res.duplicates.length) await nameFirstRows(group, res.duplicates);
      summaries.push(...res.summaries);
      batches.push(...res.manifests);
    }
    tally.finish();
    rejects.close();
    const summary = totals(summaries, Math.round(performance.now() - started));
    if (problems.some((p) => p.severity === 'error')) return { ok: false, problems, summary, outDir };
    const empty = nothingToWrite(summary, prepared.groups.flatMap((g) => g.files.map((f) => f.display)), tmp, `${shownOut}/`);
    if (empty) return { ok: false, problems: [...problems, empty], summary, outDir };
    // inputs are hashed once the build has succeeded: a failing build needs no hashes
    const [configHash, sources, templates] = [
      await hashFiles(config.dir, [config.file]),
      await hashFiles(config.dir, prepared.groups.flatMap((g) => g.files.map((f) => f.path))),
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
      ...(rejects.lines > 0 && { rejects: { file: REJECTS, lines: rejects.lines } }),
    };
    if (opts.check) {
      const stale = output.diff(manifest);
      if (stale.length) problems.push(problem(E.OutputStale, { files: stale }));
      return { ok: stale.length === 0, problems, summary, manifest, outDir, stale };
    }
    output.commit(manifest);
    return { ok: true, problems, summary, manifest, outDir };
  } catch (e) {
    rejects.close();
    if (e instanceof BatchforgeError) return { ok: false, problems: [...problems, ...e.problems], outDir };
    const p = outputProblem(e, shownOut, config.cwd);
    if (p) return { ok: false, problems: [...problems, p], outDir };
    throw e;
  } finally {
    output.close();
  }
}

/** Removes the shards a group's run wrote. */
function discardShards(tmp: string, manifests: BatchManifest[]): void {
  for (const { shards } of manifests) {
    for (const shard of shards) {
      rmSync(path.join(tmp, shard.file), { force: true });
      if (shard.ids_file) rmSync(path.join(tmp, shard.ids_file), { force: true });
    }
  }
}

/**
 * Errors of a failing build: distinct ones up to MAX_PROBLEMS; the same error at the same place
 * (a template bug hits every row) shown SAME_PROBLEM_SHOWN times, then counted.
 */
interface TallyMark {
  failed: boolean;
  shown: number;
  problems: number;
  same: Map<string, { count: number; first: Problem }>;
}

class ProblemTally {
  failed = false;
  private shown = 0;
  private same = new Map<string, { count: number; first: Problem }>();
  constructor(private readonly problems: Problem[]) {}

  /** returns false once reading on is pointless */
  add(p: Problem): boolean {
    if (this.failed && this.shown >= MAX_PROBLEMS) return false;
    this.failed = true;
    const key = `${p.code} ${p.location ? formatLocation(p.location) : ''}`;
    const seen = this.same.get(key);
    if (seen) {
      if (++seen.count > SAME_PROBLEM_SHOWN) return true;
    } else this.same.set(key, { count: 1, first: p });
    if (this.shown >= MAX_PROBLEMS) {
      this.problems.push(problem(E.TooManyProblems, { limit: MAX_PROBLEMS }));
      return false;
    }
    this.shown++;
    this.problems.push(p);
    return true;
  }

  /** the tally as it is now, for rewind */
  mark(): TallyMark {
    const same = new Map([...this.same].map(([k, v]) => [k, { ...v }]));
    return { failed: this.failed, shown: this.shown, problems: this.problems.length, same };
  }

  /** forgets what was added since the mark (a group that runs again) */
  rewind(m: TallyMark): void {
    this.failed = m.failed;
    this.shown = m.shown;
    this.problems.length = m.problems;
    this.same = new Map([...m.same].map(([k, v]) => [k, { ...v }]));
  }

  finish(): void {
    for (const { count, first } of this.same.values()) {
      if (count > SAME_PROBLEM_SHOWN) this.problems.push(problem(E.SameProblemMore, { more: count - SAME_PROBLEM_SHOWN, code: first.code }, first.location));
    }
  }
}

/**
 * rejects.jsonl (on_error: skip): one line per rejected request with its origin, reason and row.
 * Paths in it are relative to the config's folder, like the manifest's, so the file is the same
 * whatever folder the build runs from.
 */
class Rejects {
  lines = 0;
  private fd: number | undefined;
  /** bytes written */
  private pos = 0;
  private readonly rename: Array<[string, string]>;

  constructor(
    private readonly tmp: string,
    config: ResolvedConfig,
    prepared: Prepared,
  ) {
    this.rename = prepared.groups
      .flatMap((g) => g.files.map((f): [string, string] => [f.display, relativeTo(config.dir, f.path)]))
      .filter(([a, b]) => a !== b);
  }

  write(row: Row, p: Problem, batch: ResolvedBatch): boolean {
    this.fd ??= openSync(path.join(this.tmp, REJECTS), 'w');
    const rec = {
      origin: this.local(formatOrigin(row.origin)),
      batch: batch.name,
      ...(Object.keys(batch.variant).length > 0 && { variant: batch.variant }),
      code: p.code,
      message: this.local(p.message),
      ...(row.fault ? { raw: row.raw ?? '' } : { row: row.data }),
    };
    const text = JSON.stringify(rec) + '\n';
    writeSync(this.fd, text, this.pos);
    this.pos += Buffer.byteLength(text);
    this.lines++;
    return true;
  }

  mark(): { lines: number; pos: number } {
    return { lines: this.lines, pos: this.pos };
  }

  /** forgets the lines written since the mark */
  rewind(m: { lines: number; pos: number }): void {
    if (this.fd !== undefined) ftruncateSync(this.fd, m.pos);
    this.lines = m.lines;
    this.pos = m.pos;
  }

  close(): void {
    if (this.fd === undefined) return;
    closeSync(this.fd);
    this.fd = undefined;
    // every line was rewound: no file, as when none was ever written
    if (this.lines === 0) rmSync(path.join(this.tmp, REJECTS), { force: true });
  }

  private local(text: string): string {
    for (const [from, to] of this.rename) text = text.split(`${from}:`).join(`${to}:`);
    return text;
  }
}
