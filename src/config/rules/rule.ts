/**
 * A rule checks one normalized config entry, once, before the matrix expands, and reports what it
 * finds through the context: errors stop the build, warnings are printed and the build goes on.
 */
import type { Problem } from '../../errors/index.js';
import type { ProviderProfile } from '../../providers/profile.js';
import { getProvider } from '../../providers/registry.js';
import type { KeyPath } from '../document.js';
import type { ConfigEntry } from '../normalize-entries.js';

export interface RuleContext {
  /** folder the config's relative paths start from */
  dir: string;
  /** working directory messages are relative to */
  cwd: string;
  error(p: Problem, path: KeyPath, onKey?: boolean): void;
  warn(p: Problem, path: KeyPath, onKey?: boolean): void;
}

export type Rule = (entry: ConfigEntry, ctx: RuleContext) => void;

/** The providers an entry's requests go to: its matrix.provider axis, else its provider key. */
export function namedProviders(entry: ConfigEntry): Array<{ name: string; path: KeyPath }> {
  const axis = entry.matrix?.provider;
  if (!axis) return [{ name: entry.provider, path: entry.where('provider') }];
  return axis.flatMap((v, i) => (typeof v === 'string' ? [{ name: v, path: [...entry.where('matrix'), 'provider', i] }] : []));
}

/** The known provider profiles of an entry; unknown names are provider-is-known's to report. */
export function providersOf(entry: ConfigEntry): ProviderProfile[] {
  return namedProviders(entry).flatMap(({ name }) => getProvider(name) ?? []);
}
