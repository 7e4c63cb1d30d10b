/**
 * Finds the config (cosmiconfig: batch.config.yaml, .batchforgerc.*, package.json#batchforge, or
 * an explicit --config path), parses it with positions, validates it against the schema and
 * resolves it. Returns the config or the problems as data; never throws for user errors.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { E, problem, type Problem } from '../errors/index.js';
import { displayPath } from '../util/paths.js';
import { parseConfigText, type KeyPath } from './document.js';
import { issuesToProblems } from './issues.js';
import type { ResolvedConfig } from './resolved.js';
import { resolveConfig, type ResolveResult } from './resolve.js';

export const SEARCH_PLACES = [
  'batch.config.yaml',
  'batch.config.yml',
  'batch.config.json',
  '.batchforgerc',
  '.batchforgerc.yaml',
  '.batchforgerc.yml',
  '.batchforgerc.json',
  'package.json',
];

export interface LoadConfigOptions {
  /** explicit config file (--config) */
  config?: string;
  /** where to start searching and what messages are relative to; default process.cwd() */
  cwd?: string;
}

export type ConfigResult = { config: ResolvedConfig; problems: Problem[] } | { config?: undefined; problems: Problem[] };

export async function findConfigFile(cwd: string): Promise<string | undefined> {
  // cosmiconfig only locates the file: it is read again below so that every key keeps its position.
  // Imported here, not above: a load with an explicit path (--config, or a test) never needs it.
  const { cosmiconfig } = await import('cosmiconfig');
  const explorer = cosmiconfig('batchforge', {
    searchPlaces: SEARCH_PLACES,
    searchStrategy: 'project',
    loaders: { '.yaml': rawLoader, '.yml': rawLoader, '.json': jsonAware, noExt: rawLoader },
    cache: false,
  });
  const found = await explorer.search(cwd);
  return found?.filepath;
}

const rawLoader = (_file: string, content: string) => ({ raw: content });
/** cosmiconfig picks package.json's `batchforge` key itself, so it gets the parsed object there */
const jsonAware = (file: string, content: string) => {
  if (path.basename(file) !== 'package.json') return { raw: content };
  try {
    return JSON.parse(content) as unknown;
  } catch {
    return {};
  }
};

export async function loadConfig(opts: LoadConfigOptions = {}): Promise<ConfigResult> {
  const cwd = path.resolve(opts.cwd ?? process.cwd());
  let file: string | undefined;
  if (opts.config) {
    file = path.resolve(cwd, opts.config);
    if (!existsSync(file)) return { problems: [problem(E.ConfigFileMissing, { file: displayPath(file, cwd) })] };
  } else {
    file = await findConfigFile(cwd);
    if (!file) return { problems: [problem(E.ConfigNotFound, { dir: cwd })] };
  }
  return loadConfigFile(file, cwd);
}

export async function loadConfigFile(file: string, cwd: string): Promise<ConfigResult> {
  const res = await parseConfig(readFileSync(file, 'utf8'), file, cwd);
  if ('errors' in res) return { problems: [...res.errors, ...res.warnings] };
  return { config: res.config, problems: res.warnings };
}

/**
 * The config text to a ResolvedConfig: YAML with positions → schema (which fills in defaults) →
 * normalize → rules → matrix. Never throws for a user error: every problem found comes back.
 */
export async function parseConfig(text: string, file: string, cwd: string): Promise<ResolveResult> {
  const display = displayPath(file, cwd);
  const root: KeyPath = path.basename(file) === 'package.json' ? ['batchforge'] : [];
  const cd = parseConfigText(text, display, root);
  if (Array.isArray(cd)) return { errors: cd, warnings: [] };
  let raw = cd.doc.toJS({ maxAliasCount: 100 }) as unknown;
  for (const k of root) raw = (raw as Record<string, unknown> | null)?.[k as string];
  if (raw === null || raw === undefined) raw = {};
  // zod (~16 MB) is loaded only where a config is read
  const { configSchema } = await import('./schema.js');
  const parsed = configSchema.safeParse(raw);
  if (!parsed.success) return { errors: issuesToProblems(cd, configSchema, raw, parsed.error.issues), warnings: [] };
  return resolveConfig(cd, parsed.data, raw, file, cwd);
}
