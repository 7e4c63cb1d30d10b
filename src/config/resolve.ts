/**
 * The config the changesets way: the schema-checked value (defaults filled in by the schema) is
 * normalized into one entry per batch, every rule runs once per entry, and only a config without
 * errors is expanded into one ResolvedBatch per matrix variant. Problems come back as data.
 */
import path from 'node:path';
import type { Problem } from '../errors/index.js';
import type { ConfigDocument } from './document.js';
import { expandMatrix } from './expand-matrix.js';
import { normalizeEntries, type ConfigEntry } from './normalize-entries.js';
import { readMessage } from './read-message.js';
import type { ResolvedConfig, ResolvedMessage } from './resolved.js';
import { checkEntries } from './rules/index.js';
import type { ConfigValue } from './schema.js';

export type ResolveResult = { config: ResolvedConfig; warnings: Problem[] } | { errors: Problem[]; warnings: Problem[] };

/** `raw` is the config as written (before the schema's defaults), to tell a default from a choice. */
export function resolveConfig(cd: ConfigDocument, value: ConfigValue, raw: unknown, file: string, cwd: string): ResolveResult {
  const dir = path.dirname(file);
  const entries = normalizeEntries(value, raw);
  const { errors, warnings } = checkEntries(cd, entries, { dir, cwd });
  if (errors.length) return { errors, warnings };
  const x = { cd, dir, cwd };
  // template files are read once per entry, not per matrix variant
  const messages = new Map<ConfigEntry, ResolvedMessage[] | undefined>();
  for (const entry of entries) {
    const read = entry.messages?.map((m, i) => readMessage(x, m, [...entry.where('messages'), i]));
    // entries that take their messages from the top level share the file: its problem once
    for (const r of read ?? []) if ('problem' in r && !errors.some((e) => e.message === r.problem.message)) errors.push(r.problem);
    messages.set(entry, read as ResolvedMessage[] | undefined);
  }
  if (errors.length) return { errors, warnings };
  return {
    config: {
      file,
      display: cd.display,
      dir,
      cwd,
      text: cd.text,
      outDir: path.resolve(dir, value.output.dir),
      ...(value.base_url !== undefined && { baseUrl: value.base_url }),
      batches: entries.flatMap((entry) => expandMatrix(x, entry, messages.get(entry))),
      warnings,
    },
    warnings,
  };
}
