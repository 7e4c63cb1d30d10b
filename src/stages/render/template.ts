/**
 * Compiles one Handlebars template (strict: a missing field throws; noEscape: output is
 * JSON-escaped later, never HTML-escaped) into a Hole whose errors name the field, the template
 * (the partial's own file for an error inside a partial) and the source row. Syntax errors,
 * unknown partials and unknown helpers are found up front. Templates run as compiled closures
 * (compile-program.ts), or on Handlebars for the constructs the compiler leaves to it.
 */
import { createRequire } from 'node:module';
import type Handlebars from 'handlebars';
import { BatchforgeError, E, problem, type Location, type Problem } from '../../errors/index.js';
import type { TemplateText } from '../../config/resolved.js';
import { suggest } from '../../util/suggest.js';
import { formatOrigin, type Row } from '../load/row.js';
import { compileUnit, type CompiledUnit, type PartialRunner, type UnitLookup } from './compile-program.js';
import { partialsOf, type RenderEnvironment } from './environment.js';
import { helperNames, helpers } from './helpers.js';
import { jsonString, SPLIT_SURROGATE } from './json-text.js';
import { type Frame, MissingField, property } from './read-value.js';
import { Hole } from './tree.js';

type Program = ReturnType<typeof Handlebars.parse>;

/**
 * Handlebars' parser alone (the function `Handlebars.parse` is): the compiled templates need
 * nothing else of it, and Handlebars whole is loaded only for a template left to it
 * (prepare-handlebars.ts). Required on first use, not imported, so that a command that renders
 * nothing does not load it either.
 */
let parser: typeof Handlebars.parse | undefined;
function handlebarsParse(): typeof Handlebars.parse {
  return (parser ??= (createRequire(import.meta.url)('handlebars/dist/cjs/handlebars/compiler/base.js') as { parse: typeof Handlebars.parse }).parse);
}

/** Thrown by a Hole's render for one row; the pipeline rejects that row with the problem. */
export class RowError extends Error {
  constructor(readonly problem: Problem) {
    super(problem.message);
  }
}

/** A place inside a template: file templates count their own lines; inline ones point at the config key. */
function at(tpl: TemplateText, line?: number, column?: number): Location {
  if (tpl.file && line !== undefined) return { file: tpl.location.file, line, ...(column !== undefined && { column }) };
  return { ...tpl.location };
}

export function parseTemplate(env: Pick<RenderEnvironment, 'partials'>, tpl: TemplateText): Program | Problem[] {
  // loaded outside the try: a parser that cannot be loaded is a broken install, not a syntax error
  const parse = handlebarsParse();
  let ast: Program;
  try {
    ast = parse(tpl.text);
  } catch (e) {
    const msg = String((e as Error).message);
    const line = /line (\d+)/.exec(msg)?.[1];
    const detail = msg.split('\n').pop()!.replace(/^Expecting .*, got /, 'unexpected ').replace(/'/g, '');
    const detailed = /^unexpected/.test(detail) ? `${detail} (an unclosed {{#block}} or a stray }} ?)` : detail;
    return [problem(E.TemplateSyntax, { detail: detailed }, at(tpl, line ? Number(line) : undefined))];
  }
  const problems: Problem[] = [];
  const known = [...env.partials.keys()];
  const visit = (node: unknown): void => {
    if (!node || typeof node !== 'object') return;
    const n = node as { type?: string; loc?: { start: { line: number; column: number } }; name?: { original?: unknown }; path?: { original?: unknown; type?: string; data?: boolean }; params?: unknown[]; hash?: unknown };
    const loc = n.loc ? at(tpl, n.loc.start.line, n.loc.start.column + 1) : at(tpl);
    if ((n.type === 'PartialStatement' || n.type === 'PartialBlockStatement') && typeof n.name?.original === 'string') {
      if (!env.partials.has(n.name.original)) problems.push(problem(E.PartialMissing, { partial: n.name.original, known }, loc));
    }
    const isCall = n.type === 'SubExpression' || n.type === 'BlockStatement' || ((n.type === 'MustacheStatement') && ((n.params?.length ?? 0) > 0 || !!n.hash));
    if (isCall && n.path?.type === 'PathExpression' && !n.path.data && typeof n.path.original === 'string' && !helperNames.includes(n.path.original)) {
      problems.push(problem(E.HelperMissing, { helper: n.path.original, known: helperNames, suggestion: suggest(n.path.original, helperNames) }, loc));
    }
    for (const v of Object.values(n)) {
      if (Array.isArray(v)) v.forEach(visit);
      else if (v && typeof v === 'object' && 'type' in v) visit(v);
    }
  };
  visit(ast);
  return problems.length ? problems : ast;
}

/** Field name at a strict-mode error's position: the whole path (`user.name`), not only its last part. */
function fieldAt(text: string, line: number, column: number, fallback: string): string {
  const src = text.split('\n')[line - 1] ?? '';
  const m = /^[\w@.\/-]+/.exec(src.slice(column).replace(/^\{\{~?\s*/, ''));
  return m && m[0].endsWith(fallback) ? m[0] : fallback;
}

/** The problem for an error thrown while rendering one row. */
function rowProblem(tpl: TemplateText, e: unknown, row: Row): Problem {
  const err = e as { message?: string; lineNumber?: number; column?: number; template?: TemplateText };
  const msg = String(err.message ?? e);
  const facts = { row: row.index + 1, origin: formatOrigin(row.origin) };
  // an error inside a partial carries the partial (compiled, or tagged by the Handlebars fallback)
  const where = err.template ?? tpl;
  if (e instanceof MissingField) return problem(E.TemplateMissingField, { field: e.field, ...facts }, at(where, e.lineNumber, e.column + 1));
  const missing = /^"([^"]+)" not defined in/.exec(msg);
  if (missing) {
    const line = err.lineNumber ?? 1;
    const col = err.column ?? 0;
    const field = fieldAt(where.text, line, col, missing[1]!);
    return problem(E.TemplateMissingField, { field, ...facts }, at(where, line, col + 1));
  }
  return problem(E.TemplateRuntime, { detail: msg.replace(/ - \d+:\d+$/, ''), ...facts }, at(where, err.lineNumber));
}

/**
 * The partials' JSON forms (compileUnit with `json`), compiled when a template first reaches them;
 * one set per render environment, next to the text forms the environment holds.
 */
interface JsonPartials {
  units: Map<string, CompiledUnit | undefined>;
  run: PartialRunner;
  lookup: UnitLookup;
}
const jsonForms = new WeakMap<RenderEnvironment, JsonPartials>();

function jsonPartials(env: RenderEnvironment): JsonPartials {
  let forms = jsonForms.get(env);
  if (!forms) {
    const units = new Map<string, CompiledUnit | undefined>();
    const run: PartialRunner = (name) => {
      let unit: CompiledUnit['run'] | undefined;
      return (ctx, data) => (unit ??= units.get(name)!.run)(ctx, data);
    };
    forms = { units, run, lookup: (name) => units.get(name) };
    jsonForms.set(env, forms);
  }
  return forms;
}

/** Whether every partial reachable from `names` has a JSON form, compiling the missing ones. */
function jsonReach(env: RenderEnvironment, forms: JsonPartials, names: readonly string[]): boolean {
  const todo = [...names];
  const seen = new Set<string>();
  while (todo.length) {
    const name = todo.pop()!;
    if (seen.has(name)) continue;
    seen.add(name);
    if (!forms.units.has(name)) {
      const p = env.partials.get(name)!;
      const ast = parseTemplate(env, p);
      forms.units.set(name, Array.isArray(ast) ? undefined : compileUnit(ast, p, helpers, env.runPartial, forms.run, forms.lookup));
    }
    const unit = forms.units.get(name);
    if (!unit) return false;
    todo.push(...unit.partials);
  }
  return true;
}

/**
 * Whether a template's text is blank for a row, without the text (Hole.blank): never, when its
 * top level holds visible text; when it is only fields (`{{question}}\n{{context}}`), exactly when
 * every field's text is blank. Otherwise undefined: the caller looks at the text.
 */
function blankTest(ast: Program): ((row: Row) => boolean) | undefined {
  const visible = (node: (typeof ast.body)[number]) => node.type === 'ContentStatement' && /\S/.test((node as unknown as { value: string }).value);
  if (ast.body.some(visible)) return () => false;
  const fields: string[][] = [];
  for (const node of ast.body) {
    if (node.type === 'CommentStatement' || node.type === 'ContentStatement') continue;
    const n = node as unknown as { type: string; params?: unknown[]; hash?: unknown; path?: { type: string; parts: string[]; depth: number; data: boolean } };
    const p = n.path;
    if (n.type !== 'MustacheStatement' || n.params?.length || n.hash || p?.type !== 'PathExpression' || p.data || p.depth || !p.parts.length) return undefined;
    fields.push(p.parts);
  }
  return (row) => {
    for (const parts of fields) {
      let v: unknown = row.data;
      for (const part of parts) v = property(v, part);
      // the text the template made of it: `+`, as join-pieces.ts converts
      if (v != null && /\S/.test('' + (v as string))) return false;
    }
    return true;
  };
}

/** `matrix`: the variant's values, available to the template as @matrix.<axis>. */
export function compileTemplate(env: RenderEnvironment, tpl: TemplateText, role: string, matrix: Record<string, unknown> = {}): Hole {
  // matrix variants compile the same templates: one that does not read @matrix (nor any
  // @-variable) renders the same text for a row in every variant, so they share its hole
  const key = JSON.stringify([role, tpl.name, tpl.file, tpl.location, tpl.text]);
  let shared = sharedHoles.get(env);
  if (!shared) sharedHoles.set(env, (shared = new Map()));
  const known = shared.get(key);
  if (known) return known;
  const ast = parseTemplate(env, tpl);
  if (Array.isArray(ast)) throw new BatchforgeError(ast);
  const unit = compileUnit(ast, tpl, helpers, env.runPartial, undefined, (name) => env.units.get(name));
  const reach = unit && partialsOf(env, unit.partials);
  // Handlebars' data frame: built per row only for templates that read @-variables
  const dataOf = (row: Row): Frame => ({ index: row.index, file: row.origin.file, line: row.origin.line, matrix, root: row.data });
  let run: (row: Row) => string;
  let runJson: ((row: Row) => string) | undefined;
  let usesData = true;
  if (unit && reach!.compiled) {
    const { run: main } = unit;
    usesData = unit.usesData || reach!.usesData;
    run = usesData ? (row) => main(row.data, dataOf(row)) : (row) => main(row.data, undefined);
    const forms = jsonPartials(env);
    const json = jsonReach(env, forms, unit.partials) ? compileUnit(ast, tpl, helpers, env.runPartial, forms.run, forms.lookup) : undefined;
    if (json) {
      const { run: mainJson } = json;
      runJson = usesData ? (row) => mainJson(row.data, dataOf(row)) : (row) => mainJson(row.data, undefined);
    }
  } else {
    const fn = env.handlebars().compile(tpl);
    run = (row) => fn(row.data, dataOf(row));
  }
  const render = (row: Row): string => {
    try {
      return run(row);
    } catch (e) {
      throw new RowError(rowProblem(tpl, e, row));
    }
  };
  if (!runJson) return new Hole(render, tpl.name, role);
  const toJson = runJson;
  const renderJson = (row: Row): string => {
    try {
      return toJson(row);
    } catch (e) {
      // two values that may join into a surrogate pair: escape the joined text instead
      if (e === SPLIT_SURROGATE) return jsonString(render(row)).slice(1, -1);
      throw new RowError(rowProblem(tpl, e, row));
    }
  };
  if (usesData) return new Hole(render, tpl.name, role, renderJson, blankTest(ast));
  // the variants ask for the same row one after the other (pipeline/outcomes.ts): keep the last text
  let lastRow: Row | undefined;
  let lastText = '';
  const renderJsonOnce = (row: Row): string => {
    if (row !== lastRow) {
      lastText = renderJson(row);
      lastRow = row;
    }
    return lastText;
  };
  const hole = new Hole(render, tpl.name, role, renderJsonOnce, blankTest(ast));
  shared.set(key, hole);
  return hole;
}

/** Holes of templates that read no @-variable, per render environment (see compileTemplate). */
const sharedHoles = new WeakMap<RenderEnvironment, Map<string, Hole>>();

/** A string that needs no rendering stays a constant in the line tree. */
export function isConstant(text: string): boolean {
  return !text.includes('{{');
}
