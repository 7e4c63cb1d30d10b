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
  if (issue.code === 'invalid_type') {
    if (issue.expected === 'array') return 'a list';
    if (issue.expected === 'object' || issue.expected === 'record') return 'a mapping';
    if (issue.expected === 'int') return 'a whole number';
    return `a ${issue.expected}`;
  }
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

/** zod's names for string formats, in the words of the rest of the messages */
const FORMATS: Record<string, string> = { url: 'a URL such as https://api.example.com/v1' };

/**
 * A union whose value matched one branch's shape but failed inside it (custom_id: {hash: 3}):
 * that branch's own issues say more than "expected a string or a mapping".
 */
function innerIssues(issue: z.core.$ZodIssue): z.core.$ZodIssue[] | undefined {
  if (issue.code !== 'invalid_union') return undefined;
  const deeper = issue.errors.filter((branch) => branch.length > 0 && branch.every((x) => x.path.length > 0));
  if (deeper.length !== 1) return undefined;
  return deeper[0]!.map((x) => ({ ...x, path: [...issue.path, ...x.path] }));
}

function issueProblem(issue: z.core.$ZodIssue, got: unknown): Problem {
  const shown = describeType(got);
  if (got === undefined && (issue.code === 'invalid_type' || issue.code === 'invalid_union')) {
    return problem(E.ConfigValueMissing, { expected: expectedOf(issue) });
  }
  switch (issue.code) {
    case 'invalid_type':
      return problem(E.ConfigWrongType, { expected: expectedOf(issue), got: shown });
    case 'invalid_union':
      // a discriminated union (content parts by `type`) names the values it knows
      if ('options' in issue && Array.isArray(issue.options)) {
        return problem(E.ConfigNotAllowed, { allowed: issue.options.map((v) => JSON.stringify(v)), got: shown });
      }
      return problem(E.ConfigWrongType, { expected: expectedOf(issue), got: shown });
    case 'invalid_value':
      return problem(E.ConfigNotAllowed, { allowed: issue.values.map((v) => JSON.stringify(v)), got: shown });
    case 'too_small':
    case 'too_big': {
      const limit = Number(issue.code === 'too_small' ? issue.minimum : issue.maximum);
      if (issue.origin === 'array') return problem(E.ConfigListTooShort, { minimum: limit });
      if (issue.origin === 'string') {
        const bound = issue.exact ? 'exactly' : issue.code === 'too_small' ? 'at least' : 'at most';
        return problem(E.ConfigTextLength, { bound, limit, got: shown });
      }
      const bound = issue.code === 'too_small' ? (issue.inclusive ? 'at least' : 'above') : issue.inclusive ? 'at most' : 'below';
      return problem(E.ConfigNumberOutOfRange, { bound, limit, got: shown });
    }
    case 'invalid_format':
      // a regex's message is the format in words, declared beside the regex in schema.ts
      return problem(E.ConfigBadFormat, { format: FORMATS[issue.format] ?? issue.message, got: shown });
    default:
      return problem(E.ConfigWrongType, { expected: 'another value', got: shown });
  }
}

export function issuesToProblems(
  cd: ConfigDocument,
  schema: z.ZodType,
  value: unknown,
  issues: readonly z.core.$ZodIssue[],
): Problem[] {
  const out: Problem[] = [];
  const pending = [...issues];
  for (let issue = pending.shift(); issue; issue = pending.shift()) {
    const path = issue.path as (string | number)[];
    const inner = innerIssues(issue);
    if (inner) {
      pending.push(...inner);
      continue;
    }
    if (issue.code === 'unrecognized_keys') {
      const allowed = keysAt(schema, path);
      for (const key of issue.keys) {
        const p = problem(E.ConfigUnknownKey, { key, suggestion: suggest(key, allowed), allowed });
        out.push(configProblem(cd, p, [...path, key], true));
      }
      continue;
    }
    if (issue.code === 'invalid_key') {
      // a matrix axis name that is not an identifier; the inner issue's message is the rule in words
      const key = String(path[path.length - 1]);
      out.push(configProblem(cd, problem(E.ConfigBadKeyName, { key, format: issue.issues[0]?.message ?? 'a name' }), path, true));
      continue;
    }
    out.push(configProblem(cd, issueProblem(issue, valueAt(value, path)), path));
  }
  return out.sort((a, b) => (a.location?.line ?? 0) - (b.location?.line ?? 0) || (a.location?.column ?? 0) - (b.location?.column ?? 0));
}
