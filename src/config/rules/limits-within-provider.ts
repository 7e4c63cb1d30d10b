import { E, problem } from '../../errors/index.js';
import { parseSize } from '../../util/size.js';
import { providersOf, type Rule } from './rule.js';

/**
 * output.max_bytes and max_lines stay within the provider's file limits; with
 * output.override_limits (an account with a raised quota) going over is a warning instead.
 */
export const limitsWithinProvider: Rule = (entry, ctx) => {
  const { max_bytes, max_lines, override_limits: override } = entry.output;
  const report = override ? ctx.warn : ctx.error;
  for (const provider of providersOf(entry)) {
    const { maxBytes, maxLines } = provider.limits;
    if (max_bytes !== undefined && parseSize(max_bytes) > maxBytes) {
      const p = problem(E.MaxBytesOverProvider, { bytes: parseSize(max_bytes), provider: provider.name, max: maxBytes, override }, undefined, override ? 'warning' : 'error');
      report(p, entry.whereIn('output', 'max_bytes'));
    }
    if (max_lines !== undefined && maxLines !== undefined && max_lines > maxLines) {
      const p = problem(E.MaxLinesOverProvider, { lines: max_lines, provider: provider.name, max: maxLines, override }, undefined, override ? 'warning' : 'error');
      report(p, entry.whereIn('output', 'max_lines'));
    }
  }
};
