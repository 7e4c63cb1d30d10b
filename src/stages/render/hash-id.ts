/**
 * Stable ids: custom_id = prefix + base64url(sha256([key column values…, variant])) cut to
 * `length`. The id depends only on the row's key values and its matrix variant, so it survives
 * reordering, filtering and appending rows — and results can be joined back after any of those.
 */
import { createHash } from 'node:crypto';
import type { HashId } from '../../config/resolved.js';
import { E, problem } from '../../errors/index.js';
import { formatOrigin, type Row } from '../load/row.js';
import { RowError } from './template.js';
import { Hole, type Json } from './tree.js';

export function hashIdHole(spec: HashId, variant: Record<string, Json>): Hole {
  const hasVariant = Object.keys(variant).length > 0;
  const render = (row: Row): string => {
    const key: unknown[] = [];
    for (const col of spec.hash) {
      const v = row.data[col];
      if (v === undefined) {
        throw new RowError(problem(E.TemplateMissingField, { field: col, row: row.index + 1, origin: formatOrigin(row.origin) }, spec.location));
      }
      key.push(v);
    }
    if (hasVariant) key.push(variant);
    return spec.prefix + createHash('sha256').update(JSON.stringify(key)).digest('base64url').slice(0, spec.length);
  };
  return new Hole(render, `${spec.location.file} custom_id.hash`, 'custom_id');
}
