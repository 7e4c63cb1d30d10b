import { E, problem } from '../../errors/index.js';
import { getProvider, providerNames as known } from '../../providers/registry.js';
import { suggest } from '../../util/suggest.js';
import { namedProviders, type Rule } from './rule.js';

/** Every provider the entry names, by key or matrix axis, has a profile. */
export const providerIsKnown: Rule = (entry, ctx) => {
  for (const { name, path } of namedProviders(entry)) {
    if (!getProvider(name)) ctx.error(problem(E.UnknownProvider, { provider: name, known, suggestion: suggest(name, known) }), path);
  }
};
