/**
 * Prepares a resolved config for streaming: one group per config batch (its source files, read
 * once) holding one variant per matrix combination (its render plan and shard prefix).
 */
import type { ResolvedBatch, ResolvedConfig } from '../config/resolved.js';
import { BatchforgeError, type Problem } from '../errors/index.js';
import { resolveSources, type SourceFile } from '../stages/load/index.js';
import { createEnvironment, type Partial } from '../stages/render/environment.js';
import { buildPlan, type RequestPlan } from '../stages/render/plan.js';

export interface PreparedBatch {
  batch: ResolvedBatch;
  plan: RequestPlan;
}

export interface PreparedGroup {
  /** the config batch name */
  name: string;
  files: SourceFile[];
  /** matrix variants in declared order; one without a matrix */
  variants: PreparedBatch[];
  /** the partials the plans use, as read once (a worker thread compiles its plans from these) */
  partials: Map<string, Partial>;
}

export interface Prepared {
  groups: PreparedGroup[];
  /** template and partial files the build reads, for the manifest */
  templateFiles: string[];
  /** warnings found while preparing (source files skipped because they are batchforge's own) */
  notes: Problem[];
}

export async function prepare(config: ResolvedConfig): Promise<Prepared> {
  const env = createEnvironment(config.dir, config.cwd);
  const problems: Problem[] = [];
  const notes: Problem[] = [];
  const groups = new Map<string, PreparedGroup>();
  for (const batch of config.batches) {
    let group = groups.get(batch.group);
    try {
      if (!group) {
        const files = await resolveSources(config.dir, batch.source.patterns, config.cwd, batch.source.format, { dirs: [config.outDir], notes });
        group = { name: batch.group, files, variants: [], partials: env.partials };
        groups.set(batch.group, group);
      }
      group.variants.push({ batch, plan: buildPlan(env, batch) });
    } catch (e) {
      if (!(e instanceof BatchforgeError)) throw e;
      // a source problem without a place gets the config key that named the source
      for (const p of e.problems) problems.push(p.location ? p : { ...p, location: batch.at(['source', 'path']) });
    }
  }
  if (problems.length) throw new BatchforgeError(dedupe(problems));
  const templateFiles = config.batches.flatMap((b) => (b.messages ?? []).flatMap((m) => (!Array.isArray(m.content) && m.content.file ? [m.content.file] : [])));
  for (const p of env.partials.values()) templateFiles.push(p.file);
  return { groups: [...groups.values()], templateFiles, notes: dedupe(notes) };
}

/** Matrix variants share templates: report each problem once. */
function dedupe(problems: Problem[]): Problem[] {
  const seen = new Set<string>();
  return problems.filter((p) => {
    const key = JSON.stringify([p.code, p.message, p.location]);
    return !seen.has(key) && !!seen.add(key);
  });
}
