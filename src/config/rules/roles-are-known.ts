import { E, problem } from '../../errors/index.js';
import { suggest } from '../../util/suggest.js';
import { providersOf, type Rule } from './rule.js';

/** Every message role is one the entry's providers know. */
export const rolesAreKnown: Rule = (entry, ctx) => {
  for (const provider of providersOf(entry)) {
    entry.messages?.forEach((m, i) => {
      if (provider.roles.includes(m.role)) return;
      const p = problem(E.UnknownRole, { role: m.role, known: [...provider.roles], suggestion: suggest(m.role, provider.roles) });
      ctx.error(p, [...entry.where('messages'), i, 'role']);
    });
  }
};
