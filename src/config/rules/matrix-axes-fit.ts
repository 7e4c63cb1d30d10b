import { E, problem } from '../../errors/index.js';
import type { Rule } from './rule.js';

/**
 * The provider and model axes list distinct names (each names a shard partition); the params
 * axis lists mappings to merge into params.
 */
export const matrixAxesFit: Rule = (entry, ctx) => {
  const matrix = entry.matrix;
  if (!matrix) return;
  for (const axis of ['provider', 'model'] as const) {
    const values = matrix[axis];
    if (!values) continue;
    const at = [...entry.where('matrix'), axis];
    if (!values.every((v) => typeof v === 'string')) {
      ctx.error(problem(E.MatrixAxisNotNames, { axis }), at);
      continue;
    }
    const seen = new Set<string>();
    values.forEach((v, i) => {
      if (seen.has(v as string)) ctx.error(problem(E.MatrixValueTwice, { axis, value: v as string }), [...at, i]);
      seen.add(v as string);
    });
  }
  if (matrix.params && !matrix.params.every((v) => v !== null && typeof v === 'object' && !Array.isArray(v))) {
    ctx.error(problem(E.MatrixParamsNotMappings, {}), [...entry.where('matrix'), 'params']);
  }
};
