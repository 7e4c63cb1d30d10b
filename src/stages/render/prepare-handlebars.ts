/**
 * Handlebars itself, for the templates compile-program.ts leaves to it, prepared once per build.
 * A compiled Handlebars template normally merges all helpers and rebuilds its prototype-access
 * rules on every call; called as a partial (`partial: true`) it takes them from the options
 * instead, so those options are built here once and reused for every row.
 *
 * Three changes make it agree with the compiler: a plain `{{name}}` that is also a helper's name
 * reads the field; values join as text (Handlebars' generated code adds two numbers that open a
 * block); and an error raised inside a partial carries that partial, so it is reported at the
 * partial's file, line and column.
 */
import { createRequire } from 'node:module';
import type Handlebars from 'handlebars';
import type { TemplateText } from '../../config/resolved.js';
import { helpers, toHandlebars } from './helpers.js';
import type { Frame } from './read-value.js';

type Program = ReturnType<typeof Handlebars.parse>;
/** Handlebars' code generator: public (it is the documented extension point) but not in its types */
type Compiler = { prototype: { appendToBuffer: unknown } };
export type HandlebarsRender = (ctx: unknown, data: Frame) => string;

export interface HandlebarsFallback {
  /** compiles once; each call reuses the prepared runtime options */
  compile(tpl: TemplateText): HandlebarsRender;
}

const COMPILE_OPTIONS = {
  strict: true,
  noEscape: true,
  knownHelpers: Object.fromEntries(Object.keys(helpers).map((name) => [name, true])),
};

/** Handlebars' default prototype-access rules, without the warning it prints on a denied read. */
function protoAccessControl() {
  const denied = (names: string[]) => Object.assign(Object.create(null) as Record<string, boolean>, Object.fromEntries(names.map((n) => [n, false])));
  return {
    properties: { whitelist: denied(['__proto__']), defaultValue: false },
    methods: { whitelist: denied(['constructor', '__defineGetter__', '__defineSetter__', '__lookupGetter__']), defaultValue: false },
  };
}

/** A generated-code compiler that appends every value as text: `"" + value`, never `a + b` on numbers. */
function textCompiler(base: Compiler): Compiler {
  const append = base.prototype.appendToBuffer as (this: unknown, source: unknown, location: unknown, explicit: unknown) => unknown;
  function TextCompiler(this: unknown) {}
  TextCompiler.prototype = Object.create(base.prototype) as Compiler['prototype'];
  TextCompiler.prototype.appendToBuffer = function (this: unknown, source: unknown, location: unknown, explicit: unknown) {
    return append.call(this, ['("" + ', ...(Array.isArray(source) ? source : [source]), ')'], location, explicit);
  };
  // block programs are compiled by `new this.compiler()`: the same class
  (TextCompiler.prototype as { compiler?: unknown }).compiler = TextCompiler;
  return TextCompiler as unknown as Compiler;
}

/** Rewrites `{{name}}` where `name` is a helper into `{{this.name}}`: the field, as the compiler reads it. */
function fieldsWin(ast: Program, helperNames: Set<string>): Program {
  const visit = (node: unknown): void => {
    if (!node || typeof node !== 'object') return;
    const n = node as { type?: string; params?: unknown[]; hash?: unknown; path?: { type: string; parts: string[]; depth: number; data: boolean; original: string } };
    const p = n.path;
    if (n.type === 'MustacheStatement' && !n.params?.length && !n.hash && p?.type === 'PathExpression' && p.parts.length === 1 && !p.depth && !p.data) {
      if (helperNames.has(p.original)) p.original = `this.${p.original}`;
    }
    for (const v of Object.values(n)) {
      if (Array.isArray(v)) v.forEach(visit);
      else if (v && typeof v === 'object' && 'type' in v) visit(v);
    }
  };
  visit(ast);
  return ast;
}

export function prepareHandlebars(partials: ReadonlyMap<string, TemplateText>): HandlebarsFallback {
  // loaded here, on first use: most builds compile every template and never need it
  const { create } = createRequire(import.meta.url)('handlebars') as typeof Handlebars;
  const hb = create() as typeof Handlebars & { JavaScriptCompiler: Compiler };
  hb.JavaScriptCompiler = textCompiler(hb.JavaScriptCompiler);
  for (const [name, fn] of Object.entries(helpers)) hb.registerHelper(name, toHandlebars(fn));
  const names = new Set(Object.keys(hb.helpers));
  const compile = (tpl: TemplateText) => hb.compile(fieldsWin(hb.parse(tpl.text), names), COMPILE_OPTIONS);
  for (const [name, tpl] of partials) {
    const fn = compile(tpl);
    hb.registerPartial(name, ((ctx: unknown, options: unknown) => {
      try {
        return fn(ctx, options as Handlebars.RuntimeOptions);
      } catch (e) {
        // the innermost partial claims the error first
        if (e && typeof e === 'object' && !('template' in e)) Object.assign(e, { template: tpl });
        throw e;
      }
    }) as unknown as Handlebars.Template);
  }
  // what a template's runtime setup would build on every call, built once
  const hooks: Record<string, unknown> = {};
  const runtimeHelpers: Record<string, unknown> = { ...hb.helpers };
  for (const hook of ['helperMissing', 'blockHelperMissing']) {
    hooks[hook] = runtimeHelpers[hook];
    delete runtimeHelpers[hook];
  }
  const runtime = {
    partial: true,
    helpers: runtimeHelpers,
    partials: { ...hb.partials },
    decorators: { ...hb.decorators },
    hooks,
    protoAccessControl: protoAccessControl(),
  };
  return {
    compile(tpl) {
      const fn = compile(tpl);
      return (ctx, data) => fn(ctx, { ...runtime, data } as Handlebars.RuntimeOptions);
    },
  };
}
