/**
 * The rule for source.filter: the rendered text, with blanks around it trimmed, is `true` (keep
 * the row) or `false` or empty (drop it), in any letter case. Empty counts as false because
 * `{{#if x}}true{{/if}}` renders nothing for the rows it leaves out. Anything else (`yes`, `1`,
 * a typo) is an error naming the value and the row, not a silent drop of every row.
 */
import { E, problem } from '../../errors/index.js';
import type { Row } from '../load/row.js';
import { RowError } from './template.js';

export function filterValue(rendered: string, row: Row): boolean {
  const v = rendered.trim().toLowerCase();
  if (v === 'true') return true;
  if (v === 'false' || v === '') return false;
  throw new RowError(problem(E.FilterNotBoolean, { value: rendered.trim() }, row.origin));
}
