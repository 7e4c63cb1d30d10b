/**
 * What preview and stats share before they read a row: the config loaded and resolved, its
 * batches prepared (plans compiled, sources found), narrowed to one batch when --batch names it.
 * Problems come back as data, exactly as build reports them.
 */
import { loadConfig, type LoadConfigOptions } from '../config/load.js';
import type { ResolvedConfig } from '../config/resolved.js';
import { BatchforgeError, E, problem, type Problem } from '../errors/index.js';
import { prepare, type PreparedBatch } from '../pipeline/build.js';
import type { SourceFile } from '../stages/load/index.js';
import { suggest } from '../util/suggest.js';

export interface ToolOptions extends LoadConfigOptions {
  /** only this batch (by name) */
  batch?: string;
}

/** A batch (one matrix variant) with its group's source files; tools read each on its own. */
export type ToolBatch = PreparedBatch & { files: SourceFile[] };

export type Loaded = { ok: true; config: ResolvedConfig; batches: ToolBatch[]; problems: Problem[] } | { ok: false; problems: Problem[] };

export async function loadPrepared(opts: ToolOptions): Promise<Loaded> {
  const loaded = await loadConfig(opts);
  if (!loaded.config) return { ok: false, problems: loaded.problems };
  const { config } = loaded;
  const problems = [...loaded.problems];
  const named = (b: ResolvedConfig['batches'][number]) => b.name === opts.batch || b.group === opts.batch;
  if (opts.batch !== undefined && !config.batches.some(named)) {
    const known = [...new Set(config.batches.flatMap((b) => [b.group, b.name]))];
    return { ok: false, problems: [...problems, problem(E.UnknownBatch, { batch: opts.batch, known, suggestion: suggest(opts.batch, known) })] };
  }
  const only = opts.batch === undefined ? config : { ...config, batches: config.batches.filter(named) };
  try {
    const prepared = await prepare(only);
    const batches = prepared.groups.flatMap((g) => g.variants.map((v) => ({ ...v, files: g.files })));
    return { ok: true, config, batches, problems };
  } catch (e) {
    if (e instanceof BatchforgeError) return { ok: false, problems: [...problems, ...e.problems] };
    throw e;
  }
}
