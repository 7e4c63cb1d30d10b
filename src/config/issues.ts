/** Turns zod issues into config Problems with positions and "did you mean" for unknown keys. */
import type { z } from 'zod';
import { E, problem, type Problem } from '../errors/index.js';
import { suggest } from '../util/suggest.js';
import { configProblem, type ConfigDocument, type KeyPath } from './document.js';

/** Allowed keys of the object schema at `path`, for unknown-key hints. */
function keysAt(schema: z.ZodType, path: KeyPath): string[] {
  let s: unknown = schema;
  for (const k of path) {
    s = unwrap(s);
    const def = (s as { def?: { type?: string; shape?: Record<string, unknown>; element?: unknown; options?: unknown[] } }).def;
    if (!def) return [];
    if (def.type === 'object' && typeof k === 'string') s = def.shape?.[k];
    else if (def.type === 'array' && typeof k === 'number') s = def.element;
    else return [];
  }
  s = unwrap(s);
  const def = (s as { def?: { type?: string; shape?: Record<string, unknown> } } | undefined)?.def;
  return def?.type === 'object' && def.shape ? Object.keys(def.shape) : [];
}

function unwrap(s: unknown): unknown {
  let cur = s as { def?: { type?: string; innerType?: unknown; options?: unknown[] } } | undefined;
  for (;;) {
    const t = cur?.def?.type;
    if (t === 'optional' || t === 'default' || t === 'nullable') cur = cur!.def!.innerType as typeof cur;
    else if (t === 'union') {
      const obj = cur!.def!.options?.find((o) => ['object', 'array'].includes((o as { def?: { type?: string } }).def?.type ?? ''));
      if (!obj) return cur;
      cur = obj as typeof cur;
    } else return cur;
  }
}

function describeType(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'a list';
  if (typeof v === 'object') return 'a mapping';
  if (typeof v === 'string') return `the string ${JSON.stringify(v)}`;
  return `${typeof v} ${String(v)}`;
}

function expectedOf(issue: z.core.$ZodIssue): string {
  if (issue.code === 'invalid_type') return issue.expected === 'array' ? 'a list' : issue.expected === 'object' ? 'a mapping' : `a ${issue.expected}`;
  if (issue.code === 'invalid_union') {
    const all = issue.errors.flatMap((e) => e.filter((x) => x.path.length === 0).map(expectedOf));
    return [...new Set(all)].join(' or ') || 'another value';
  }
  return 'another value';
}

function valueAt(root: unknown, path: readonly PropertyKey[]): unknown {
  let v = root;
  for (const k of path) v = v == null ? undefined : (v as Record<PropertyKey, unknown>)[k as string];
  return v;
}

export function issuesToProblems(
  cd: ConfigDocument,
  schema: z.ZodType,
  value: unknown,
  issues: readonly z.core.$ZodIssue[],
): Problem[] {
  const out: Problem[] = [];
  for (const issue of issues) {
    const path = issue.path as (string | number)[];
    if (issue.code === 'unrecognized_keys') {
      const allowed = keysAt(schema, path);
      for (const key of issue.keys) {
        const p = problem(E.ConfigUnknownKey, { key, suggestion: suggest(key, allowed), allowed });
        out.push(configProblem(cd, p, [...path, key], true));
      }
      continue;
    }
    const got = valueAt(value, path);
    let detail: string;
    if (issue.code === 'invalid_type' && got === undefined) detail = `missing: expected ${expectedOf(issue)}`;
    else if (issue.code === 'invalid_type' || issue.code === 'invalid_union')
      detail = `expected ${expectedOf(issue)}, got ${describeType(got)}`;
    else if (issue.code === 'invalid_value') detail = `must be one of ${issue.values.map((v) => JSON.stringify(v)).join(', ')}, got ${describeType(got)}`;
    else if (issue.code === 'too_small') detail = issue.origin === 'array' ? `needs at least ${String(issue.minimum)} item(s)` : issue.message;
    else if (issue.code === 'invalid_format') detail = `${issue.message}, got ${describeType(got)}`;
    else detail = issue.message;
    out.push(configProblem(cd, problem(E.ConfigInvalid, { detail }), path));
  }
  return out.sort((a, b) => (a.location?.line ?? 0) - (b.location?.line ?? 0) || (a.location?.column ?? 0) - (b.location?.column ?? 0));
}
