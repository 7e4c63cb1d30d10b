/**
 * What preview and stats share before they read a row: the config loaded and resolved, its
 * batches prepared (plans compiled, sources found), narrowed to one batch when --batch names it.
 * Problems come back as data, exactly as build reports them.
 */
import { loadConfig, type LoadConfigOptions } from '../config/load.js';
import type { ResolvedConfig } from '../config/resolved.js';
import { BatchforgeError, E, problem, type Problem } from '../errors/index.js';
import { prepare, type PreparedBatch } from '../pipeline/build.js';
import { suggest } from '../util/suggest.js';

export interface ToolOptions extends LoadConfigOptions {
  /** only this batch (by name) */
  batch?: string;
}

export type Loaded = { ok: true; config: ResolvedConfig; batches: PreparedBatch[]; problems: Problem[] } | { ok: false; problems: Problem[] };

export async function loadPrepared(opts: ToolOptions): Promise<Loaded> {
  const loaded = await loadConfig(opts);
  if (!loaded.config) return { ok: false, problems: loaded.problems };
  const { config } = loaded;
  const problems = [...loaded.problems];
  if (opts.batch !== undefined && !config.batches.some((b) => b.name === opts.batch)) {
    const known = config.batches.map((b) => b.name);
    return { ok: false, problems: [...problems, problem(E.UnknownBatch, { batch: opts.batch, known, suggestion: suggest(opts.batch, known) })] };
  }
  const only = opts.batch === undefined ? config : { ...config, batches: config.batches.filter((b) => b.name === opts.batch) };
  try {
    const prepared = await prepare(only);
    return { ok: true, config, batches: prepared.batches, problems };
  } catch (e) {
    if (e instanceof BatchforgeError) return { ok: false, problems: [...problems, ...e.problems] };
    throw e;
  }
}
