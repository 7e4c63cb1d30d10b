/**
 * What the lifecycle commands need from the rest of batchforge, injectable so tests can point
 * them at a fake server and a stub source: where the build lives, the config's base URLs, the
 * re-streamed source requests, SDK tuning and the poll interval.
 */
import { resolve } from 'node:path';
import type { SourceRequest } from '../../lifecycle/collect.js';
import type { ClientTuning, ConnectOptions } from '../../lifecycle/connections.js';
import type { LifecycleOptions } from '../../lifecycle/options.js';
import { displayPath } from '../../util/paths.js';
import { BatchforgeError, E, problem } from '../../errors/index.js';
import type { Io, OptionSpec, ParsedArgs } from '../command.js';

export interface LifecycleDeps {
  /** the build output dir when --dir is not given (default: `out` in the working directory) */
  resolveOutDir?: (io: Io, configPath?: string) => string | Promise<string>;
  /** the config's `base_url` settings */
  baseUrl?: (io: Io, configPath?: string) => ConnectOptions['baseUrl'] | Promise<ConnectOptions['baseUrl']>;
  /** the build's requests in output order, re-streamed from the source (collect only) */
  streamRequests?: (configPath: string | undefined, io: Io) => AsyncIterable<SourceRequest>;
  sdk?: ClientTuning;
  /** first delay between status polls (default 5 s) */
  pollMs?: number;
}

export const dirOptions: OptionSpec = {
  dir: { type: 'string', short: 'd' },
  config: { type: 'string', short: 'c' },
};

export const dirUsage = `  --dir DIR       the build output folder (default: the config's output dir)
  --config FILE   the config file (default: found from the current folder upwards)`;

export interface Resolved {
  outDir: string;
  /** outDir as the user knows it, for messages */
  shown: string;
  configPath: string | undefined;
  options: LifecycleOptions;
}

export async function resolveLifecycle({ values }: ParsedArgs, io: Io, deps: LifecycleDeps): Promise<Resolved> {
  const configPath = typeof values.config === 'string' ? values.config : undefined;
  const outDir =
    typeof values.dir === 'string'
      ? resolve(io.cwd, values.dir)
      : await (deps.resolveOutDir?.(io, configPath) ?? resolve(io.cwd, 'out'));
  const shown = displayPath(outDir, io.cwd) || '.';
  const options: LifecycleOptions = { env: io.env, shownDir: shown };
  const baseUrl = await deps.baseUrl?.(io, configPath);
  if (baseUrl) options.baseUrl = baseUrl;
  if (deps.sdk) options.sdk = deps.sdk;
  return { outDir, shown, configPath, options };
}

/** --poll SECONDS, else the injected default */
export function pollOption({ values }: ParsedArgs, deps: LifecycleDeps): { pollMs?: number } {
  if (typeof values.poll === 'string') {
    const s = Number(values.poll);
    if (!Number.isFinite(s) || s <= 0) throw new BatchforgeError(problem(E.PollSecondsBad, { poll: values.poll }));
    return { pollMs: s * 1000 };
  }
  return deps.pollMs !== undefined ? { pollMs: deps.pollMs } : {};
}
