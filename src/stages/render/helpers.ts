/**
 * Built-in template helpers. Values are rendered as text and JSON-escaped on output, so helpers
 * return plain strings (never HTML-escaped SafeStrings).
 *
 * A helper takes its arguments and its hash (`key=value` pairs), never Handlebars' options object:
 * the compiled templates call them directly, and Handlebars (for the constructs the compiler leaves
 * to it) calls them through `toHandlebars`, so both run the very same functions. That also keeps
 * Handlebars' options object, which holds the whole row, out of every prompt.
 */
import { stringifyJson } from '../load/exact-number.js';

export type Helper = (args: unknown[], hash: Record<string, unknown>) => unknown;

const isEmpty = (v: unknown) => v === undefined || v === null || v === '' || (Array.isArray(v) && v.length === 0);
const text = (v: unknown) => (v === undefined || v === null ? '' : typeof v === 'object' ? stringifyJson(v) : String(v));
const eq: Helper = ([x, y]) => x === y || (x !== undefined && y !== undefined && String(x) === String(y));

export const helpers: Record<string, Helper> = {
  /** {{json value}}: the value as compact JSON; {{json this}} is the whole row */
  json: ([v], hash) => stringifyJson(v === undefined ? null : v, typeof hash.indent === 'number' ? hash.indent : undefined),
  /** {{default value "fallback"}}: fallback when the value is missing, null or empty */
  default: ([v, ...fallbacks]) => {
    if (!isEmpty(v)) return v;
    return fallbacks.find((f) => !isEmpty(f)) ?? '';
  },
  trim: ([v]) => text(v).trim(),
  upper: ([v]) => text(v).toUpperCase(),
  lower: ([v]) => text(v).toLowerCase(),
  /** {{truncate value 200}} or {{truncate value 200 "…"}}: at most N characters (code points), suffix included */
  truncate: ([v, n, suffix]) => {
    const chars = Array.from(text(v));
    const max = Number(n);
    if (!Number.isFinite(max) || chars.length <= max) return chars.join('');
    const s = typeof suffix === 'string' ? suffix : '';
    return chars.slice(0, Math.max(0, max - Array.from(s).length)).join('') + s;
  },
  /** {{join list ", "}}: a list's items joined (a string value is returned as is) */
  join: ([v, sep]) => (Array.isArray(v) ? v.map(text).join(typeof sep === 'string' ? sep : ', ') : text(v)),
  eq,
  ne: (a, h) => !eq(a, h),
  and: (a) => a.every((v) => !!v && !isEmpty(v)),
  or: (a) => a.some((v) => !!v && !isEmpty(v)),
  not: ([v]) => !v || isEmpty(v),
  /**
   * Handlebars' own lookup (`{{lookup obj key}}`), reading own properties only as Handlebars'
   * prototype-access rules do by default.
   */
  lookup: ([obj, field]) => {
    if (!obj) return obj;
    const v = (obj as Record<string, unknown>)[field as string];
    return v == null || Object.hasOwn(obj, field as PropertyKey) ? v : undefined;
  },
  /**
   * Handlebars' log writes to stdout once per row, which corrupts `build --json` and `preview`:
   * here it renders nothing and writes nothing.
   */
  log: () => '',
};

/** The block helpers, which only the compiler or Handlebars itself run. */
export const blockHelperNames = ['if', 'unless', 'each', 'with'];

export const helperNames = [...Object.keys(helpers), ...blockHelperNames];

/** The form Handlebars calls: its options object comes last and carries the hash. */
export function toHandlebars(helper: Helper): (...a: unknown[]) => unknown {
  return (...a) => {
    const options = a.pop() as { hash?: Record<string, unknown> };
    return helper(a, options.hash ?? {});
  };
}
