import { E, problem } from '../../errors/index.js';
import type { ConfigEntry } from '../normalize-entries.js';
import type { RuleContext } from './rule.js';

/** Batch names are shard file prefixes and manifest keys, so no two entries share one. */
export function batchNamesUnique(entries: readonly ConfigEntry[], ctx: RuleContext): void {
  const seen = new Map<string, number>();
  entries.forEach((entry, i) => {
    const first = seen.get(entry.name);
    if (first !== undefined) ctx.error(problem(E.BatchNameTwice, { name: entry.name, first }), ['batches', i, 'name']);
    else seen.set(entry.name, i);
  });
}
