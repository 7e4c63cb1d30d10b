/**
 * A request line before rendering: a JSON tree whose leaves may be Holes (compiled templates).
 * Provider profiles rearrange trees once per build; rows only fill holes.
 */
import type { Row } from '../load/row.js';

export type RenderFn = (row: Row) => string;

export class Hole {
  constructor(
    /** renders the string for one row */
    readonly render: RenderFn,
    /** where the template came from, for messages: `templates/user.hbs` or `batch.config.yaml messages[1].content` */
    readonly name: string,
    /** what this hole fills, for empty-value checks: `custom_id`, `messages[1].content`, … */
    readonly role: string,
    /**
     * renders the same string as it goes into a JSON line, without quotes (json-text.ts'
     * jsonInner), when the template can do that cheaper than escaping what `render` gives
     */
    readonly json?: RenderFn,
    /**
     * whether the text rendered for a row is blank (white space only), known without looking at
     * the text: for a template with visible constant text, or made only of fields. Called only
     * after the row rendered.
     */
    readonly blank?: (row: Row) => boolean,
  ) {}
}

export type Json = string | number | boolean | null | Json[] | { [k: string]: Json };
export type Tree = string | number | boolean | null | Hole | Tree[] | { [k: string]: Tree };

export function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v) && !(v instanceof Hole);
}

/** Every hole in a tree, in serialization order. */
export function holesOf(tree: Tree, out: Hole[] = []): Hole[] {
  if (tree instanceof Hole) out.push(tree);
  else if (Array.isArray(tree)) for (const t of tree) holesOf(t, out);
  else if (isPlainObject(tree)) for (const k of Object.keys(tree)) holesOf(tree[k] as Tree, out);
  return out;
}
