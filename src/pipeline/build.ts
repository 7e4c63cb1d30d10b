/**
 * build(): config → shards + manifest, atomically. Returns problems and a summary as data; the CLI
 * decides how to print them. With on_error: fail any bad row fails the build (the first
 * MAX_PROBLEMS are reported); with skip, bad rows go to rejects.jsonl and the build goes on.
 */
import { closeSync, openSync, writeFileSync, writeSync } from 'node:fs';
import path from 'node:path';
import { loadConfig, type LoadConfigOptions } from '../config/load.js';
import type { ResolvedBatch, ResolvedConfig } from '../config/resolved.js';
import { BatchforgeError, E, formatLocation, problem, type Problem } from '../errors/index.js';
import { resolveSources, type SourceFile } from '../stages/load/index.js';
import { formatOrigin, type Row } from '../stages/load/row.js';
import { createEnvironment } from '../stages/render/environment.js';
import { buildPlan, type RequestPlan } from '../stages/render/plan.js';
import { RowError } from '../stages/render/template.js';
import { diffOutput, commitOutput, isForeignDir, makeTempDir, MANIFEST, REJECTS, removeDir } from '../stages/shard/output-dir.js';
import type { BatchManifest, Manifest } from '../stages/shard/manifest.js';
import { ShardWriter } from '../stages/shard/shard-writer.js';
import { RequestValidator } from '../stages/validate/check-request.js';
import { lineTokenCounter } from '../stats/tokens.js';
import { VERSION } from '../version.js';
import { displayPath } from '../util/paths.js';
import { hashFiles } from './hash-files.js';
import { batchRows, type RowCounts } from './rows.js';
import { totals, type BatchSummary, type BuildSummary } from './summary.js';

/** distinct errors reported before a failing build stops reading */
export const MAX_PROBLEMS = 20;
/** the same error at the same place (a template bug hits every row) is shown this often, then counted */
export const SAME_PROBLEM_SHOWN = 3;

export interface Progress {
  batch: string;
  rows: number;
  written: number;
  rejected: number;
  bytes: number;
  shards: number;
}

export interface BuildOptions extends LoadConfigOptions {
  /** compare with the existing output instead of writing it */
  check?: boolean;
  /** called after each chunk of rows */
  onProgress?: (p: Progress) => void;
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

/** A prepared batch: its plan and source files, ready to stream. */
export interface PreparedBatch {
  batch: ResolvedBatch;
  plan: RequestPlan;
  files: SourceFile[];
}

export interface Prepared {
  batches: PreparedBatch[];
  /** template and partial files the build reads, for the manifest */
  templateFiles: string[];
}

export async function prepare(config: ResolvedConfig): Promise<Prepared> {
  const env = createEnvironment(config.dir, config.cwd);
  const problems: Problem[] = [];
  const out: PreparedBatch[] = [];
  for (const batch of config.batches) {
    try {
      const plan = buildPlan(env, batch);
      const files = await resolveSources(config.dir, batch.source.patterns, config.cwd, batch.source.format);
      out.push({ batch, plan, files });
    } catch (e) {
      if (!(e instanceof BatchforgeError)) throw e;
      // a source problem without a place gets the config key that named the source
      for (const p of e.problems) problems.push(p.location ? p : { ...p, location: batch.at(['source', 'path']) });
    }
  }
  if (problems.length) throw new BatchforgeError(problems);
  const templateFiles = config.batches.flatMap((b) => (b.messages ?? []).flatMap((m) => (!Array.isArray(m.content) && m.content.file ? [m.content.file] : [])));
  for (const p of env.partials.values()) templateFiles.push(p.file);
  return { batches: out, templateFiles };
}

export async function build(opts: BuildOptions = {}): Promise<BuildResult> {
  const started = performance.now();
  const loaded = await loadConfig(opts);
  if (!loaded.config) return { ok: false, problems: loaded.problems };
  const config = loaded.config;
  const problems = [...loaded.problems];
  const { outDir } = config;
  if (isForeignDir(outDir) || path.relative(outDir, config.dir) === '' || !path.relative(outDir, config.dir).startsWith('..')) {
    return { ok: false, problems: [...problems, { ...problem(E.OutputInsideSource, { dir: displayPath(outDir, config.cwd) }), location: config.batches[0]!.at(['output', 'dir']) }] };
  }
  let prepared: Prepared;
  try {
    prepared = await prepare(config);
  } catch (e) {
    if (e instanceof BatchforgeError) return { ok: false, problems: [...problems, ...e.problems] };
    throw e;
  }

  const tmp = makeTempDir(outDir);
  let rejectsFd: number | undefined;
  let rejectLines = 0;
  const writeReject = (batch: string, row: Row, p: Problem) => {
    rejectsFd ??= openSync(path.join(tmp, REJECTS), 'w');
    const rec = { origin: formatOrigin(row.origin), batch, code: p.code, message: p.message, ...(row.fault ? { raw: row.raw ?? '' } : { row: row.data }) };
    writeSync(rejectsFd, JSON.stringify(rec) + '\n');
    rejectLines++;
  };
  try {
    const summaries: BatchSummary[] = [];
    const batches: BatchManifest[] = [];
    for (const pb of prepared.batches) {
      const res = await runBatch(pb, tmp, problems, (row, p) => writeReject(pb.batch.name, row, p), opts.onProgress);
      summaries.push(res.summary);
      batches.push(res.manifest);
    }
    if (rejectsFd !== undefined) closeSync(rejectsFd);
    rejectsFd = undefined;
    const summary = totals(summaries, Math.round(performance.now() - started));
    if (problems.some((p) => p.severity === 'error')) {
      removeDir(tmp);
      return { ok: false, problems, summary, outDir };
    }
    const manifest: Manifest = {
      tool: 'batchforge',
      version: VERSION,
      config: (await hashFiles(config.dir, [config.file]))[0]!,
      sources: await hashFiles(config.dir, prepared.batches.flatMap((p) => p.files.map((f) => f.path))),
      templates: await hashFiles(config.dir, prepared.templateFiles),
      batches,
      ...(rejectLines > 0 && { rejects: { file: REJECTS, lines: rejectLines } }),
    };
    writeFileSync(path.join(tmp, MANIFEST), JSON.stringify(manifest, null, 2) + '\n');
    if (opts.check) {
      const stale = diffOutput(tmp, outDir);
      removeDir(tmp);
      if (stale.length) problems.push(problem(E.OutputStale, { files: stale }));
      return { ok: stale.length === 0, problems, summary, manifest, outDir, stale };
    }
    commitOutput(tmp, outDir);
    return { ok: true, problems, summary, manifest, outDir };
  } catch (e) {
    if (rejectsFd !== undefined) closeSync(rejectsFd);
    removeDir(tmp);
    if (e instanceof BatchforgeError) return { ok: false, problems: [...problems, ...e.problems], outDir };
    throw e;
  }
}

interface BatchRun {
  summary: BatchSummary;
  manifest: BatchManifest;
}

async function runBatch(
  { batch, plan, files }: PreparedBatch,
  tmp: string,
  problems: Problem[],
  reject: (row: Row, p: Problem) => void,
  onProgress?: (p: Progress) => void,
): Promise<BatchRun> {
  const skip = batch.onError === 'skip';
  const validator = new RequestValidator(batch.provider.name, batch.provider.customId, batch.maxBytes);
  const writer = new ShardWriter(tmp, batch.name, batch.maxBytes, batch.maxLines, batch.maxTokensPerShard);
  // tokens are counted only under a token budget: the tokenizer is the slowest step of a build
  const countTokens = batch.maxTokensPerShard !== undefined ? await lineTokenCounter(batch.model) : undefined;
  const counts: RowCounts = { scanned: 0, skipped: 0 };
  const duplicates: Array<{ id: string; at: Problem }> = [];
  let rows = 0;
  /** requests that passed every check (written, unless the build fails) */
  let written = 0;
  let rejected = 0;
  /** on_error: fail stops early once MAX_PROBLEMS errors are collected */
  let failed = false;
  let shown = 0;
  const same = new Map<string, { count: number; first: Problem }>();
  const fail = (row: Row, p: Problem) => {
    rejected++;
    if (skip) return reject(row, p);
    if (failed) return;
    const key = `${p.code} ${p.location ? formatLocation(p.location) : ''}`;
    const seen = same.get(key);
    if (seen) {
      if (++seen.count > SAME_PROBLEM_SHOWN) return;
    } else same.set(key, { count: 1, first: p });
    if (shown >= MAX_PROBLEMS) {
      problems.push(problem(E.TooManyProblems, { limit: MAX_PROBLEMS }));
      failed = true;
      return;
    }
    shown++;
    problems.push(p);
  };
  try {
    outer: for await (const chunk of batchRows(batch, files, plan, counts)) {
      for (const row of chunk) {
        rows++;
        if (row.fault) {
          fail(row, row.fault);
        } else {
          let req;
          try {
            req = plan.render(row);
          } catch (e) {
            if (!(e instanceof RowError)) throw e;
            fail(row, e.problem);
            continue;
          }
          const bytes = Buffer.byteLength(req.line) + 1;
          const p = validator.checkId(req.customId, row.origin) ?? validator.checkSize(req.customId, bytes, row.origin);
          if (p) {
            if (p.code === E.CustomIdDuplicate.code) duplicates.push({ id: req.customId, at: p });
            fail(row, p);
          } else {
            // after a first error in fail mode nothing more is written: the build will be discarded
            if (skip || rejected === 0) writer.write(req.line, bytes, req.customId, countTokens?.(req.line));
            written++;
          }
        }
        if (failed) break outer;
      }
      onProgress?.({ batch: batch.name, rows, written, rejected, bytes: writer.bytes, shards: writer.shards.length });
    }
  } catch (e) {
    writer.abort();
    throw e;
  }
  const shards = writer.close();
  for (const { count, first } of same.values()) {
    if (count > SAME_PROBLEM_SHOWN) problems.push(problem(E.SameProblemMore, { more: count - SAME_PROBLEM_SHOWN, code: first.code }, first.location));
  }
  if (duplicates.length) await nameFirstRows(batch, files, plan, duplicates);
  return {
    summary: {
      name: batch.name,
      provider: batch.provider.name,
      scanned: counts.scanned,
      skipped: counts.skipped,
      rows,
      written,
      rejected,
      shards: shards.length,
      bytes: shards.reduce((a, s) => a + s.bytes, 0),
    },
    manifest: {
      name: batch.name,
      provider: batch.provider.name,
      endpoint: batch.endpoint,
      model: batch.model,
      rows,
      requests: written,
      rejected,
      shards,
    },
  };
}

/**
 * Duplicates are found with fingerprints only; to name the row that used an id first, the batch is
 * read again (an error path only) until each duplicated id's first row is seen.
 */
async function nameFirstRows(
  batch: ResolvedBatch,
  files: SourceFile[],
  plan: RequestPlan,
  duplicates: Array<{ id: string; at: Problem }>,
): Promise<void> {
  const wanted = new Map<string, string | undefined>(duplicates.map((d) => [d.id, undefined]));
  let left = wanted.size;
  const counts: RowCounts = { scanned: 0, skipped: 0 };
  outer: for await (const chunk of batchRows(batch, files, plan, counts)) {
    for (const row of chunk) {
      if (row.fault) continue;
      let id: string;
      try {
        id = plan.render(row).customId;
      } catch {
        continue;
      }
      if (wanted.has(id) && wanted.get(id) === undefined) {
        wanted.set(id, formatOrigin(row.origin));
        if (--left === 0) break outer;
      }
    }
  }
  for (const d of duplicates) {
    const first = wanted.get(d.id);
    const firstShown = first && first !== formatOrigin(d.at.location as Row['origin']) ? first : undefined;
    d.at.message = firstShown
      ? E.CustomIdDuplicate.message({ id: d.id, first: firstShown })
      : `custom_id ${JSON.stringify(d.id)} has the same 64-bit fingerprint as an earlier id (a one-in-billions collision)`;
  }
}
