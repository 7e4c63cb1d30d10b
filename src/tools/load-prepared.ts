/**
 * What preview and stats share before they read a row: the config loaded and resolved, its
 * groups prepared (plans compiled, sources found) as build prepares them, narrowed to the group
 * --batch names. A group keeps all its matrix variants even when --batch names one partition:
 * ids are unique across the whole fan-out, as in a build; `shows` says which partitions to show.
 * Problems come back as data, exactly as build reports them.
 */
import { loadConfig, type LoadConfigOptions } from '../config/load.js';
import type { ResolvedConfig } from '../config/resolved.js';
import { BatchforgeError, E, problem, type Problem } from '../errors/index.js';
import { prepare, type PreparedGroup } from '../pipeline/build.js';
import { suggest } from '../util/suggest.js';

export interface ToolOptions extends LoadConfigOptions {
  /** only this batch (by name) */
  batch?: string;
}

export type Loaded =
  | { ok: true; config: ResolvedConfig; groups: PreparedGroup[]; shows: (partition: string) => boolean; problems: Problem[] }
  | { ok: false; problems: Problem[] };

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
  const groups = new Set(config.batches.filter((b) => opts.batch === undefined || named(b)).map((b) => b.group));
  const only = { ...config, batches: config.batches.filter((b) => groups.has(b.group)) };
  const shows = (partition: string) => opts.batch === undefined || opts.batch === partition || groups.has(opts.batch);
  try {
    const prepared = await prepare(only);
    return { ok: true, config, groups: prepared.groups, shows, problems };
  } catch (e) {
    if (e instanceof BatchforgeError) return { ok: false, problems: [...problems, ...e.problems] };
    throw e;
  }
}
