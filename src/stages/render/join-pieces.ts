/**
 * Joins a program's pieces — text, plain `{{field}}` reads, and compiled blocks or helper calls —
 * into one generated function: `"Topic: " + T(S(P(c, "meta"), "topic", …)) + K[3](c, d, ds) + …`.
 * A loop over closures makes every call site see every kind of piece, so V8 cannot inline any of
 * them; one function per program keeps each site to one callee (Handlebars generates code for
 * the same reason). Only constants and the fixed runtime functions reach the generated source:
 * text and names are embedded as JSON string literals, everything else is passed in `K`.
 */
import type { TemplateText } from '../../config/resolved.js';
import { jsonInner } from './json-text.js';
import { type Frame, type Loc, property, strictProperty } from './read-value.js';

export type Render = (ctx: unknown, data: Frame | undefined, depths: unknown[] | undefined) => string;

/** `{{name}}`, `{{a.b}}` or `{{@name}}`: read strictly and rendered as text. */
export interface FieldPiece {
  from: 'context' | 'data';
  /** one or two parts for the context, one for data */
  parts: string[];
  loc: Loc;
  original: string;
  tpl: TemplateText;
}

export type Piece = string | Render | FieldPiece;

/** `+`, not String(): the conversion Handlebars' generated code does */
const text = (v: unknown): string => (v == null ? '' : '' + (v as string));

/** `json`: the program renders JSON text (compile-program.ts' compileUnit), so fields are escaped as they are read. */
export function joinPieces(pieces: readonly Piece[], json = false): Render {
  const K: unknown[] = [];
  const constant = (v: unknown) => `K[${K.push(v) - 1}]`;
  const terms = pieces.map((p) => {
    if (typeof p === 'string') return JSON.stringify(p);
    if (typeof p === 'function') return `${constant(p)}(c, d, ds)`;
    const last = JSON.stringify(p.parts[p.parts.length - 1]);
    const obj = p.from === 'data' ? 'd' : p.parts.length === 2 ? `P(c, ${JSON.stringify(p.parts[0])})` : 'c';
    const read = `T(S(${obj}, ${last}, ${constant(p.loc)}, ${constant(p.original)}, ${constant(p.tpl)}))`;
    return json ? `J(${read})` : read;
  });
  const body = `return function program(c, d, ds) { return ${terms.length ? terms.join(' + ') : '""'}; };`;
  return new Function('K', 'P', 'S', 'T', 'J', body)(K, property, strictProperty, text, jsonInner) as Render;
}
