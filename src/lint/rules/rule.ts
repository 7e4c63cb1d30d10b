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
