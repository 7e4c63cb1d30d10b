import { E, problem } from '../../errors/index.js';
import { batchLabel } from '../normalize-entries.js';
import type { Rule } from './rule.js';

/** Every request names a model: the model key, or a matrix axis of models. */
export const modelIsSet: Rule = (entry, ctx) => {
  if (entry.model === undefined && entry.matrix?.model === undefined) ctx.error(problem(E.ModelNotSet, batchLabel(entry)), entry.base ?? []);
};
