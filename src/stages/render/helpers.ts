/**
 * Built-in template helpers. Values are rendered as text and JSON-escaped on output, so helpers
 * return plain strings (never HTML-escaped SafeStrings).
 */
type HelperOptions = { hash?: Record<string, unknown> };

const isEmpty = (v: unknown) => v === undefined || v === null || v === '' || (Array.isArray(v) && v.length === 0);
const text = (v: unknown) => (v === undefined || v === null ? '' : typeof v === 'object' ? JSON.stringify(v) : String(v));
/** Handlebars passes its options object last; strip it to get the real arguments */
const args = (a: unknown[]) => a.slice(0, -1);

export const helpers: Record<string, (...a: unknown[]) => unknown> = {
  /** {{json value}}: the value as compact JSON; {{json this}} is the whole row */
  json: (v, opts) => {
    const indent = (opts as HelperOptions | undefined)?.hash?.indent;
    return JSON.stringify(v === undefined ? null : v, null, typeof indent === 'number' ? indent : undefined);
  },
  /** {{default value "fallback"}}: fallback when the value is missing, null or empty */
  default: (...a) => {
    const [v, ...fallbacks] = args(a);
    if (!isEmpty(v)) return v;
    return fallbacks.find((f) => !isEmpty(f)) ?? '';
  },
  trim: (v) => text(v).trim(),
  upper: (v) => text(v).toUpperCase(),
  lower: (v) => text(v).toLowerCase(),
  /** {{truncate value 200}} or {{truncate value 200 "…"}}: at most N characters (code points), suffix included */
  truncate: (...a) => {
    const [v, n, suffix] = args(a);
    const chars = Array.from(text(v));
    const max = Number(n);
    if (!Number.isFinite(max) || chars.length <= max) return chars.join('');
    const s = typeof suffix === 'string' ? suffix : '';
    return chars.slice(0, Math.max(0, max - Array.from(s).length)).join('') + s;
  },
  /** {{join list ", "}}: a list's items joined (a string value is returned as is) */
  join: (...a) => {
    const [v, sep] = args(a);
    return Array.isArray(v) ? v.map(text).join(typeof sep === 'string' ? sep : ', ') : text(v);
  },
  eq: (...a) => {
    const [x, y] = args(a);
    return x === y || (x !== undefined && y !== undefined && String(x) === String(y));
  },
  ne: (...a) => !helpers.eq!(...a),
  and: (...a) => args(a).every((v) => !!v && !isEmpty(v)),
  or: (...a) => args(a).some((v) => !!v && !isEmpty(v)),
  not: (v) => !v || isEmpty(v),
};

export const helperNames = [...Object.keys(helpers), 'if', 'unless', 'each', 'with', 'lookup', 'log'];
