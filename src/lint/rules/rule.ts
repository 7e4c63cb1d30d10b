/**
 * A line rule sees every line that parsed as a JSON object, in order; rules that need memory
 * across lines (duplicate ids, one model per file) keep it in their closure, one instance per file.
 */
import type { Report } from '../finding.js';
import type { LintTarget } from '../target.js';

export interface LineRule {
  check(line: Record<string, unknown>, no: number): void;
  /** after the last line: for rules about the whole file (line 0 findings) */
  finish?(): void;
}

/** Builds the rule for one file, or returns undefined when it does not apply to the target. */
export type RuleFactory = (target: LintTarget, report: Report) => LineRule | undefined;

export function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** `typeof` in words a JSON user knows: null and arrays are not "object". */
export function jsonType(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'an array';
  switch (typeof v) {
    case 'object': return 'an object';
    case 'string': return 'a string';
    case 'number': return 'a number';
    case 'boolean': return 'a boolean';
    default: return typeof v;
  }
}
