/**
 * The lifecycle commands' view of the config: the output folder, base URLs and the re-streamed
 * source. Without a config, --dir (default `out`) still works for submit, status and retry.
 */
import { resolve } from 'node:path';
import { loadConfig } from '../../config/load.js';
import type { ResolvedConfig } from '../../config/resolved.js';
import { BatchforgeError } from '../../errors/index.js';
import { streamRequests } from '../../pipeline/stream-requests.js';
import type { Io } from '../command.js';
import type { LifecycleDeps } from './lifecycle-deps.js';

async function configOf(io: Io, configPath?: string): Promise<ResolvedConfig | undefined> {
  const res = await loadConfig({ cwd: io.cwd, ...(configPath && { config: configPath }) });
  if (res.config) return res.config;
  // an explicit --config must load; without one, a missing config just means "use --dir"
  if (configPath || !res.problems.every((p) => p.code === 'config-not-found')) throw new BatchforgeError(res.problems);
  return undefined;
}

export const configDeps: LifecycleDeps = {
  resolveOutDir: async (io, configPath) => (await configOf(io, configPath))?.outDir ?? resolve(io.cwd, 'out'),
  baseUrl: async (io, configPath) => (await configOf(io, configPath))?.baseUrl,
  streamRequests: (configPath, cwd) => streamRequests({ cwd, ...(configPath && { config: configPath }) }),
};
