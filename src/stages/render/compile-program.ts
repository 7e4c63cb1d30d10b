/**
 * Compiles a parsed Handlebars template into plain closures (each program's pieces joined by one
 * generated function, join-pieces.ts). Handlebars' own runtime re-merges every helper and
 * rebuilds its prototype-access rules on each call (about 30% of a build's CPU on a template with
 * blocks and helpers); these closures do only the template's own work.
 *
 * Semantics are Handlebars 4.7 in strict mode with noEscape, construct by construct (a
 * differential test holds them to it), with two deliberate differences:
 * - a plain `{{name}}` always reads the field `name`, even where a helper has that name
 *   (Handlebars calls the helper, so `{{json}}` put its options object, with the whole row, into
 *   the prompt); helpers are called only with arguments or in a sub-expression;
 * - values join as text: Handlebars adds two numbers that open a block (`{{a}}{{b}}` with 1 and 2
 *   gives `3`); here, as in the Handlebars fallback (prepare-handlebars.ts), it gives `12`.
 *
 * What is compiled: text, comments, `{{path}}` (fields, `this`, `../`, `@data`), helper calls
 * with literals, paths, sub-expressions and hashes, `#if`/`#unless` (with `includeZero`),
 * `#each` over arrays and objects (`@index`, `@key`, `@first`, `@last`), `#with`, `else` and
 * `else if` chains, partials with a context and hash parameters (and their indentation), and
 * whitespace control (done by the parser). Anything else — block parameters, partial blocks,
 * inline partials, decorators, dynamic partials, literal mustaches, `@../` — makes
 * `compileUnit` return undefined, and the template runs on Handlebars.
 */
import type { TemplateText } from '../../config/resolved.js';
import { blockHelperNames, type Helper } from './helpers.js';
import { type FieldPiece, joinPieces, type Piece, type Render } from './join-pieces.js';
import { jsonInner, SPLIT_SURROGATE } from './json-text.js';
import { createFrame, enter, extend, type Frame, isEmpty, type Loc, NULL_CONTEXT, property, strictProperty } from './read-value.js';

/** A compiled program: context, data frame, and the contexts `../` reaches (when the unit uses them). */
export type { Render };

type Value = (ctx: unknown, data: Frame | undefined, depths: unknown[] | undefined) => unknown;
type HashValue = (ctx: unknown, data: Frame | undefined, depths: unknown[] | undefined) => Record<string, unknown>;
/** Runs a partial by name, resolved when called, so partials may include each other. */
export type PartialRunner = (name: string) => (ctx: unknown, data: Frame | undefined) => string;

export interface CompiledUnit {
  /** renders the template (or partial) for one context and data frame */
  run: (ctx: unknown, data: Frame | undefined) => string;
  /** whether it reads @-variables; callers build data frames only then */
  usesData: boolean;
  /** the partials it includes */
  partials: string[];
  /**
   * What its text depends on, for fixedOutput: the context's fields it reads (first path parts),
   * the partials it calls with the keys of their hashes, and whether it depends on anything more
   * (`this`, `../`, @-variables, a partial given another context).
   */
  reads: ReadonlySet<string>;
  calls: ReadonlyArray<{ name: string; keys: readonly string[] }>;
  opaque: boolean;
}

/** Finds a compiled partial by name when a template first runs (undefined: not compiled). */
export type UnitLookup = (name: string) => CompiledUnit | undefined;

/**
 * Whether `unit` renders the same text for every context whose fields named in `fixed` hold the
 * same values: it reads no other field, depends on nothing else, and so do the partials it calls
 * (their hash keys are fixed for them too; a hash value read from a field is that field's read).
 */
export function fixedOutput(unit: CompiledUnit | undefined, fixed: ReadonlySet<string>, units: UnitLookup, path: CompiledUnit[] = []): boolean {
  // a partial that includes itself is not worth proving anything about
  if (!unit || unit.opaque || unit.usesData || path.includes(unit)) return false;
  for (const name of unit.reads) if (!fixed.has(name)) return false;
  path.push(unit);
  const fits = unit.calls.every((call) => fixedOutput(units(call.name), new Set([...fixed, ...call.keys]), units, path));
  path.pop();
  return fits;
}

// Handlebars' AST, as much of it as the compiler reads
interface AstNode {
  type: string;
  loc: Loc;
}
interface PathNode extends AstNode {
  parts: string[];
  depth: number;
  data: boolean;
  original: string;
}
interface LiteralNode extends AstNode {
  value: unknown;
  original: unknown;
}
interface HashNode {
  pairs: Array<{ key: string; value: AstNode }>;
}
interface CallNode extends AstNode {
  path: AstNode;
  params: AstNode[];
  hash?: HashNode;
}
interface ProgramNode {
  body: AstNode[];
  blockParams?: string[];
}
interface BlockNode extends CallNode {
  program?: ProgramNode;
  inverse?: ProgramNode;
}
interface PartialNode extends AstNode {
  name: AstNode & { original?: unknown };
  params: AstNode[];
  hash?: HashNode;
  indent?: string;
}

/** Thrown inside the compiler for a construct it leaves to Handlebars. */
class LeftToHandlebars extends Error {}

const leave = (): never => {
  throw new LeftToHandlebars();
};

interface Scope {
  tpl: TemplateText;
  helpers: Record<string, Helper>;
  partial: PartialRunner;
  /** set when compiling to JSON text (see compileUnit): runs a partial's JSON form */
  json: PartialRunner | undefined;
  /** the partials' compiled units, when calls to them may be folded (see partial()) */
  units: UnitLookup | undefined;
  reads: Set<string>;
  calls: Array<{ name: string; keys: string[] }>;
  opaque: boolean;
  usesData: boolean;
  useDepths: boolean;
  partials: Set<string>;
}

const EMPTY_HASH: Record<string, unknown> = Object.freeze({}) as Record<string, unknown>;
const noHash: HashValue = () => EMPTY_HASH;
const nothing: Render = () => '';

/** Handlebars' simpleId: one part, not `this.`/`./`-scoped, no `../`, not @data. */
function isSimpleId(path: PathNode): boolean {
  return path.parts.length === 1 && !path.depth && !path.data && !/^\.|this\b/.test(path.original);
}

function asPath(node: AstNode): PathNode {
  return node.type === 'PathExpression' ? (node as PathNode) : leave();
}

/** Where a path starts: the context, an outer context (`../`), or the data frame (`@`). */
function pathBase(s: Scope, path: PathNode): Value {
  if (path.data) {
    if (path.depth) leave();
    s.usesData = true;
    return (_c, d) => d;
  }
  if (path.depth) {
    s.useDepths = true;
    s.opaque = true;
    const depth = path.depth;
    return (_c, _d, ds) => ds![depth];
  }
  if (path.parts.length) s.reads.add(path.parts[0]!);
  else s.opaque = true;
  return (c) => c;
}

/** A path as a helper argument: every part read leniently (a missing one is undefined). */
function lenientPath(s: Scope, path: PathNode): Value {
  const base = pathBase(s, path);
  const { parts } = path;
  if (parts.length === 0) return base;
  // one- and two-part paths on the context are most of them: no loop, no base call
  if (!path.data && !path.depth) {
    const [a, b] = parts as [string, string];
    if (parts.length === 1) return (c) => property(c, a);
    if (parts.length === 2) return (c) => property(property(c, a), b);
  }
  return (c, d, ds) => {
    let v = base(c, d, ds);
    for (const part of parts) v = property(v, part);
    return v;
  };
}

/** A path as `{{path}}`: the leading parts read leniently, the last must exist (strict mode). */
function strictPath(s: Scope, path: PathNode): Value {
  const base = pathBase(s, path);
  const { parts, loc, original } = path;
  if (parts.length === 0) return base;
  const { tpl } = s;
  const last = parts[parts.length - 1]!;
  if (!path.data && !path.depth) {
    if (parts.length === 1) return (c) => strictProperty(c, last, loc, original, tpl);
    const first = parts[0]!;
    if (parts.length === 2) return (c) => strictProperty(property(c, first), last, loc, original, tpl);
  }
  const lead = parts.slice(0, -1);
  return (c, d, ds) => {
    let v = base(c, d, ds);
    for (const part of lead) v = property(v, part);
    return strictProperty(v, last, loc, original, tpl);
  };
}

function value(s: Scope, node: AstNode): Value {
  switch (node.type) {
    case 'PathExpression':
      return lenientPath(s, node as PathNode);
    case 'SubExpression':
      return helperCall(s, node as CallNode);
    case 'StringLiteral':
    case 'NumberLiteral':
    case 'BooleanLiteral': {
      const v = (node as LiteralNode).value;
      return () => v;
    }
    case 'UndefinedLiteral':
      return () => undefined;
    case 'NullLiteral':
      return () => null;
    default:
      return leave();
  }
}

function hashOf(s: Scope, hash: HashNode | undefined): HashValue {
  if (!hash) return noHash;
  const pairs = hash.pairs.map((p) => [p.key, value(s, p.value)] as const);
  return (c, d, ds) => {
    const out: Record<string, unknown> = {};
    for (const [k, v] of pairs) out[k] = v(c, d, ds);
    return out;
  };
}

/** `{{helper a b k=v}}` or `(helper a b)`: arguments in order, then the hash, as Handlebars evaluates them. */
function helperCall(s: Scope, n: CallNode): Value {
  const path = asPath(n.path);
  if (!isSimpleId(path)) leave();
  const name = path.parts[0]!;
  if (!Object.hasOwn(s.helpers, name) || blockHelperNames.includes(name)) leave();
  const helper = s.helpers[name]!;
  const params = n.params.map((p) => value(s, p));
  const hash = hashOf(s, n.hash);
  if (params.length === 1) {
    const p0 = params[0]!;
    if (!n.hash) return (c, d, ds) => helper([p0(c, d, ds)], EMPTY_HASH);
    return (c, d, ds) => helper([p0(c, d, ds)], hash(c, d, ds));
  }
  if (params.length === 2 && !n.hash) {
    const [p0, p1] = params as [Value, Value];
    return (c, d, ds) => helper([p0(c, d, ds), p1(c, d, ds)], EMPTY_HASH);
  }
  return (c, d, ds) => {
    const args = new Array<unknown>(params.length);
    for (let i = 0; i < params.length; i++) args[i] = params[i]!(c, d, ds);
    return helper(args, hash(c, d, ds));
  };
}

function asText(s: Scope, get: Value): Render {
  if (s.json) {
    return (c, d, ds) => {
      const v = get(c, d, ds);
      return v == null ? '' : jsonInner('' + (v as string));
    };
  }
  return (c, d, ds) => {
    const v = get(c, d, ds);
    // `+`, not String(): the conversion Handlebars' generated code does
    return v == null ? '' : '' + (v as string);
  };
}

/** `{{field}}`, `{{a.b}}` and `{{@name}}`: read inline by the program's generated function. */
function fieldPiece(s: Scope, path: PathNode): FieldPiece | undefined {
  const { parts, loc, original } = path;
  if (path.depth || parts.length === 0 || parts.length > 2 || (path.data && parts.length > 1)) return undefined;
  if (path.data) s.usesData = true;
  else s.reads.add(parts[0]!);
  return { from: path.data ? 'data' : 'context', parts, loc, original, tpl: s.tpl };
}

function mustache(s: Scope, n: CallNode): Piece {
  const path = asPath(n.path);
  if (n.params.length || n.hash) return asText(s, helperCall(s, n));
  return fieldPiece(s, path) ?? asText(s, strictPath(s, path));
}

/** `#if`, `#unless`, `#each`, `#with`: Handlebars' built-in helpers, inlined. */
function block(s: Scope, n: BlockNode): Render {
  const path = asPath(n.path);
  if (!isSimpleId(path) || n.params.length !== 1) leave();
  const name = path.parts[0]!;
  if (!blockHelperNames.includes(name)) leave();
  if (n.program?.blockParams?.length || n.inverse?.blockParams?.length) leave();
  const fn = program(s, n.program);
  const inverse = program(s, n.inverse);
  const arg = value(s, n.params[0]!);
  const hash = hashOf(s, n.hash);
  // `this` for a helper: Handlebars swaps a null context for its nullContext
  const self = (c: unknown) => (c != null ? c : NULL_CONTEXT);
  const truthy = (v: unknown, h: Record<string, unknown>) => !((!h.includeZero && !v) || isEmpty(v));
  switch (name) {
    case 'if':
    case 'unless': {
      const whenTrue = name === 'if' ? fn : inverse;
      const whenFalse = name === 'if' ? inverse : fn;
      return (c, d, ds) => {
        const v = arg(c, d, ds);
        const h = hash(c, d, ds);
        const t = self(c);
        return (truthy(v, h) ? whenTrue : whenFalse)(t, d, enter(t, ds));
      };
    }
    case 'with':
      return (c, d, ds) => {
        const v = arg(c, d, ds);
        hash(c, d, ds);
        if (!isEmpty(v)) return fn(v, d, enter(v, ds));
        const t = self(c);
        return inverse(t, d, enter(t, ds));
      };
    default:
      return (c, d, ds) => {
        const list = arg(c, d, ds);
        hash(c, d, ds);
        const frame = d ? createFrame(d) : undefined;
        let out = '';
        let count = 0;
        if (list && typeof list === 'object') {
          let items = list as Record<string, unknown> | unknown[];
          if (!Array.isArray(list) && Symbol.iterator in list) items = [...(list as Iterable<unknown>)];
          // Handlebars' each sets @key, @index, @first and @last on one frame it reuses
          const array = Array.isArray(items);
          const keys = array ? undefined : Object.keys(items);
          const n = array ? (items as unknown[]).length : keys!.length;
          for (; count < n; count++) {
            if (array && !(count in items)) continue;
            const key = array ? count : keys![count]!;
            const item = (items as Record<string | number, unknown>)[key];
            if (frame) {
              frame.key = key;
              frame.index = count;
              frame.first = count === 0;
              frame.last = count === n - 1;
            }
            out = out + fn(item, frame, enter(item, ds));
          }
        }
        if (count === 0) {
          const t = self(c);
          out = inverse(t, d, enter(t, ds));
        }
        return out;
      };
  }
}

/** Handlebars indents every line of a standalone partial's output by the partial's own indentation. */
function indentLines(text: string, indent: string): string {
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    if (!lines[i] && i + 1 === lines.length) break;
    lines[i] = indent + lines[i];
  }
  return lines.join('\n');
}

const isLiteral = (node: AstNode) => /^(String|Number|Boolean|Undefined|Null)Literal$/.test(node.type);

function partial(s: Scope, n: PartialNode): Render {
  const name = n.name.type === 'SubExpression' ? undefined : n.name.original;
  if (typeof name !== 'string' || n.params.length > 1) return leave();
  s.partials.add(name);
  // given another context, what the partial reads is not this unit's fields
  if (n.params.length) s.opaque = true;
  const keys = n.hash?.pairs.map((p) => p.key) ?? [];
  s.calls.push({ name, keys });
  const contextOf: Value = n.params.length ? value(s, n.params[0]!) : (c) => c;
  const hash = n.hash ? hashOf(s, n.hash) : undefined;
  const indent = n.indent ?? '';
  // an indented partial indents its text, then (as JSON) escapes it whole
  const run = s.json && !indent ? s.json(name) : s.partial(name);
  const escape = s.json && indent ? jsonInner : undefined;
  const render: Render = (c, d, ds) => {
    let context = contextOf(c, d, ds);
    if (hash) context = extend({}, context, hash(c, d, ds));
    const text = run(context, d);
    if (!indent) return text;
    return escape ? escape(indentLines(text, indent)) : indentLines(text, indent);
  };
  // A call that gives the partial only literals (`{{> shot q="…" label="…"}}`) renders the same
  // text on every row when the partial reads nothing else (fixedOutput): it is rendered once, on
  // the first row that renders it without an error, and that text is reused.
  const units = s.units;
  if (!units || n.params.length || !(n.hash?.pairs ?? []).every((p) => isLiteral(p.value))) return render;
  let known: string | undefined;
  let tried = false;
  return (c, d, ds) => {
    if (known !== undefined) return known;
    const text = render(c, d, ds);
    if (!tried) {
      tried = true;
      if (fixedOutput(units(name), new Set(keys), units)) known = text;
    }
    return text;
  };
}

function statement(s: Scope, n: AstNode): Piece | undefined {
  switch (n.type) {
    case 'ContentStatement':
      return (n as AstNode & { value: string }).value;
    case 'CommentStatement':
      return undefined;
    case 'MustacheStatement':
      return mustache(s, n as CallNode);
    case 'BlockStatement':
      return block(s, n as BlockNode);
    case 'PartialStatement':
      return partial(s, n as PartialNode);
    default:
      return leave();
  }
}

function program(s: Scope, p: ProgramNode | undefined): Render {
  if (!p) return nothing;
  const pieces: Piece[] = [];
  for (const n of p.body) {
    const piece = statement(s, n);
    if (piece === undefined || piece === '') continue;
    const last = pieces.length - 1;
    if (typeof piece === 'string' && typeof pieces[last] === 'string') pieces[last] += piece;
    else pieces.push(piece);
  }
  // as JSON, text is escaped here, once
  if (s.json) for (let i = 0; i < pieces.length; i++) if (typeof pieces[i] === 'string') pieces[i] = jsonInner(pieces[i] as string);
  if (pieces.length === 0) return nothing;
  const only = pieces[0]!;
  if (pieces.length === 1 && typeof only === 'string') return () => only;
  if (pieces.length === 1 && typeof only === 'function') return only;
  return joinPieces(pieces, !!s.json);
}

/**
 * Compiles one template or partial, or returns undefined when it holds a construct left to
 * Handlebars. `partial` resolves the partials it includes; they are compiled on their own.
 *
 * With `json` (the partials' JSON forms), the unit renders its text as it goes into a JSON line
 * (json-text.ts' jsonInner, without quotes): its constant text is escaped once here, and only the
 * values are escaped per row. It then returns undefined also for constant text that starts or
 * ends inside a surrogate pair; a value that does throws SPLIT_SURROGATE when rendered.
 */
export function compileUnit(
  ast: ProgramNode,
  tpl: TemplateText,
  helpers: Record<string, Helper>,
  partial: PartialRunner,
  json?: PartialRunner,
  /** the partials' units (JSON forms with `json`): calls that can be are folded to their text */
  units?: UnitLookup,
): CompiledUnit | undefined {
  const s: Scope = { tpl, helpers, partial, json, units, usesData: false, useDepths: false, partials: new Set(), reads: new Set(), calls: [], opaque: false };
  let main: Render;
  try {
    main = program(s, ast);
  } catch (e) {
    if (e instanceof LeftToHandlebars || e === SPLIT_SURROGATE) return undefined;
    throw e;
  }
  const run = s.useDepths ? (ctx: unknown, data: Frame | undefined) => main(ctx, data, [ctx]) : (ctx: unknown, data: Frame | undefined) => main(ctx, data, undefined);
  return { run, usesData: s.usesData, partials: [...s.partials], reads: s.reads, calls: s.calls, opaque: s.opaque };
}
