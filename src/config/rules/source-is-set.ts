import { E, problem } from '../../errors/index.js';
import { batchLabel } from '../normalize-entries.js';
import type { Rule } from './rule.js';

/** Every batch reads rows from somewhere. */
export const sourceIsSet: Rule = (entry, ctx) => {
  if (entry.source === undefined) ctx.error(problem(E.SourceNotSet, batchLabel(entry)), entry.base ?? []);
};
