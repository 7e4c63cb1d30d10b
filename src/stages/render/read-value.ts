/**
 * What compiled templates do at run time, written to match Handlebars 4.7's runtime in strict
 * mode line for line (its `lookupProperty`, `strict`, `createFrame`, `extend`, program depths), so
 * that the same row gives the same text and the same errors.
 */
import type { TemplateText } from '../../config/resolved.js';

/** Handlebars' `container.nullContext`: what a helper sees as `this` when the context is null. */
export const NULL_CONTEXT: object = Object.seal({});

/** A data frame: `@index`, `@key`, `@first`, `@last`, `@file`, `@line`, `@matrix`, `@root`. */
export type Frame = Record<string, unknown>;

export interface Loc {
  start: { line: number; column: number };
}

/**
 * A strict-mode miss, carrying what Handlebars' exception carries (message, lineNumber, column)
 * plus the template it happened in, so that a miss inside a partial names the partial's file.
 */
export class MissingField extends Error {
  readonly lineNumber: number;
  readonly column: number;
  constructor(
    name: string,
    obj: unknown,
    loc: Loc,
    /** the path as written: `user.name`, `@matrix.model`, `../q` */
    readonly field: string,
    readonly template: TemplateText,
  ) {
    const { line, column } = loc.start;
    super(`"${name}" not defined in ${String(obj)} - ${line}:${column}`);
    this.lineNumber = line;
    this.column = column;
  }
}

/** Handlebars' lookupProperty under its default prototype-access rules: own properties only. */
export function property(parent: unknown, name: string): unknown {
  // reading from null or undefined throws the same TypeError as in Handlebars
  const v = (parent as Record<string, unknown>)[name];
  return v == null || Object.hasOwn(parent as object, name) ? v : undefined;
}

/** Handlebars' `strict`: the last part of a path must exist (`in`, so inherited names count). */
export function strictProperty(obj: unknown, name: string, loc: Loc, field: string, template: TemplateText): unknown {
  // `in` on a string throws a TypeError, as it does inside Handlebars
  if (!obj || !(name in (obj as object))) throw new MissingField(name, obj, loc, field, template);
  return property(obj, name);
}

/** Handlebars' isEmpty, used by #if, #unless and #with (0 is empty only to #with). */
export function isEmpty(v: unknown): boolean {
  return (!v && v !== 0) || (Array.isArray(v) && v.length === 0);
}

/**
 * Handlebars' Utils.extend (for-in over own keys). Object.assign copies the same keys in the same
 * order — own enumerable, integer keys first, a string's indices too — and is several times faster;
 * it would also copy symbol keys, which JSON rows do not have.
 */
export function extend(target: Record<string, unknown>, a: unknown, b: unknown): Record<string, unknown> {
  return Object.assign(target, a, b) as Record<string, unknown>;
}

export function createFrame(parent: Frame): Frame {
  const frame = Object.assign({}, parent) as Frame;
  frame._parent = parent;
  return frame;
}

/**
 * The depths a program sees when called with `context` (Handlebars' wrapProgram): a new context
 * is pushed unless it loosely equals the current one, so `../` counts contexts, not blocks.
 */
export function enter(context: unknown, depths: unknown[] | undefined): unknown[] | undefined {
  if (depths && context != depths[0] && !(context === NULL_CONTEXT && depths[0] === null)) return [context, ...depths];
  return depths;
}
