/**
 * Serializes a line tree once into constant JSON text with gaps for the holes, so that each row
 * costs only the escape of its rendered strings (json-text.ts) and one join — not a JSON.stringify of the
 * whole request. The output is byte-identical to JSON.stringify of the filled-in tree.
 */
import { Hole, isPlainObject, type Tree } from './tree.js';

export interface Fragments {
  /** constant text; parts.length === holes.length + 1 */
  parts: string[];
  holes: Hole[];
}

export function compileFragments(tree: Tree): Fragments {
  const parts: string[] = [];
  const holes: Hole[] = [];
  let cur = '';
  const walk = (t: Tree): void => {
    if (t instanceof Hole) {
      parts.push(cur);
      cur = '';
      holes.push(t);
    } else if (Array.isArray(t)) {
      cur += '[';
      t.forEach((v, i) => {
        if (i) cur += ',';
        walk(v);
      });
      cur += ']';
    } else if (isPlainObject(t)) {
      cur += '{';
      let first = true;
      for (const k of Object.keys(t)) {
        const v = t[k];
        if (v === undefined) continue;
        if (!first) cur += ',';
        first = false;
        cur += JSON.stringify(k) + ':';
        walk(v as Tree);
      }
      cur += '}';
    } else {
      cur += JSON.stringify(t);
    }
  };
  walk(tree);
  parts.push(cur);
  return { parts, holes };
}

/** Joins constant parts with the JSON-encoded values, in hole order. */
export function fillFragments(f: Fragments, values: readonly string[]): string {
  const { parts } = f;
  let s = parts[0]!;
  for (let i = 0; i < values.length; i++) s += JSON.stringify(values[i]) + parts[i + 1]!;
  return s;
}
