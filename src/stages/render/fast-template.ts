/**
 * A fast path for the templates most configs have: text and plain field references
 * (`{{question}}`, `{{user.name}}`, `{{@index}}`, `{{@matrix.model}}`). Handlebars' runtime
 * re-merges and re-wraps every helper on each call (~2 µs, measured at 30% of a 1M-row build);
 * these templates need none of that, so they become a direct concatenation. Semantics are
 * Handlebars' strict mode exactly: a missing field throws the same message at the same position
 * (so errors read the same), null renders empty, other values render as JavaScript strings, and
 * only own properties are read. Anything else (helpers, blocks, partials, `this`, `../`) returns
 * undefined and goes through Handlebars.
 */
type Program = { body: unknown[] };
type Loc = { start: { line: number; column: number } };
type Data = { index: number; file: string; line: number; matrix: unknown };

export type TemplateFn = (context: Record<string, unknown>, options: { data: Data }) => string;
/** The fast form: `data` is built only by templates that read @-variables */
export type FastTemplateFn = (context: Record<string, unknown>, data: () => Data) => string;

interface Ref {
  data: boolean;
  parts: string[];
  loc: Loc;
}

/** The error Handlebars throws, with the fields compileTemplate reads. */
function notDefined(name: string, obj: unknown, loc: Loc): Error {
  const { line, column } = loc.start;
  return Object.assign(new Error(`"${name}" not defined in ${String(obj)} - ${line}:${column}`), { lineNumber: line, column });
}

/** Handlebars' lookupProperty: own properties only (a null parent throws, as it does there). */
function property(parent: unknown, name: string): unknown {
  const v = (parent as Record<string, unknown>)[name];
  return v == null || Object.hasOwn(parent as object, name) ? v : undefined;
}

/** Handlebars' strict lookup: the leading parts are read leniently, only the last must exist. */
function lookup(root: unknown, ref: Ref): unknown {
  const { parts } = ref;
  let obj = root;
  for (let i = 0; i < parts.length - 1; i++) obj = property(obj, parts[i]!);
  const last = parts[parts.length - 1]!;
  // `in` on a string throws a TypeError, as it does inside Handlebars
  if (!obj || !(last in (obj as object))) throw notDefined(last, obj, ref.loc);
  return property(obj, last);
}

function readRef(node: Record<string, unknown>): Ref | undefined {
  if (node.type !== 'MustacheStatement' || (node.params as unknown[]).length || node.hash) return undefined;
  const path = node.path as { type: string; depth: number; parts: string[]; data: boolean; loc: Loc; original: string };
  if (path.type !== 'PathExpression' || path.depth !== 0 || path.parts.length === 0) return undefined;
  if (path.data && path.parts[0] === 'root') return undefined;
  return { data: path.data, parts: path.parts, loc: path.loc };
}

export function compileFast(ast: Program): FastTemplateFn | undefined {
  const pieces: Array<string | Ref> = [];
  for (const n of ast.body as Array<Record<string, unknown>>) {
    if (n.type === 'ContentStatement') pieces.push(n.value as string);
    else if (n.type === 'CommentStatement') continue;
    else {
      const ref = readRef(n);
      if (!ref) return undefined;
      pieces.push(ref);
    }
  }
  return (context, data) => {
    let out = '';
    for (const p of pieces) {
      if (typeof p === 'string') out += p;
      else {
        const v = lookup(p.data ? data() : context, p);
        if (v != null) out += v;
      }
    }
    return out;
  };
}
