/**
 * The lifecycle commands' view of the config: the output folder, base URLs and the re-streamed
 * source. Without a config, --dir (default `out`) still works for submit, status and retry.
 */
import { resolve } from 'node:path';
import { loadConfig } from '../../config/load.js';
import type { ResolvedConfig } from '../../config/resolved.js';
import { BatchforgeError } from '../../errors/index.js';
import { streamRequests, type StreamedRequest } from '../../pipeline/stream-requests.js';
import type { Io } from '../command.js';
import type { LifecycleDeps } from './lifecycle-deps.js';

/**
 * One load per command run: submit and collect ask for the output folder, the base URLs and (collect)
 * the source, and each used to load and check the config again. Keyed by the run's Io, so a later
 * run in the same process (tests, the library) sees the config as it is then.
 */
const loads = new WeakMap<Io, Map<string, Promise<ResolvedConfig | undefined>>>();

function configOf(io: Io, configPath?: string): Promise<ResolvedConfig | undefined> {
  let runLoads = loads.get(io);
  if (!runLoads) loads.set(io, (runLoads = new Map()));
  const key = configPath ?? '';
  let load = runLoads.get(key);
  if (!load) runLoads.set(key, (load = loadOnce(io, configPath)));
  return load;
}

async function loadOnce(io: Io, configPath?: string): Promise<ResolvedConfig | undefined> {
  const res = await loadConfig({ cwd: io.cwd, ...(configPath && { config: configPath }) });
  if (res.config) return res.config;
  // an explicit --config must load; without one, a missing config just means "use --dir"
  if (configPath || !res.problems.every((p) => p.code === 'config-not-found')) throw new BatchforgeError(res.problems);
  return undefined;
}

async function* requestsOf(configPath: string | undefined, io: Io): AsyncGenerator<StreamedRequest> {
  const config = await configOf(io, configPath);
  // without a config, streamRequests' own load says so (config-not-found)
  yield* streamRequests(config ? { resolved: config } : { cwd: io.cwd });
}

export const configDeps: LifecycleDeps = {
  resolveOutDir: async (io, configPath) => (await configOf(io, configPath))?.outDir ?? resolve(io.cwd, 'out'),
  baseUrl: async (io, configPath) => (await configOf(io, configPath))?.baseUrl,
  streamRequests: requestsOf,
};
