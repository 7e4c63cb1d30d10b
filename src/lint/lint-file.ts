/**
 * Lints one JSONL batch file in one streaming pass: bytes and lines (read-lines.ts), JSON, then
 * the line rules of the target — given, or implied by the first line that parses — and finally
 * the whole-file limits. Memory stays flat apart from the request ids kept for duplicates.
 */
import { E, problem, type Problem } from '../errors/index.js';
import type { FileSummary } from './finding.js';
import { readLines } from './read-lines.js';
import { checkFileLimits } from './rules/check-file-limits.js';
import { type LineRule, lineRules } from './rules/index.js';
import { isObject, jsonType } from './rules/rule.js';
import { type LintTarget, detectTarget } from './target.js';

export interface FileLint {
  summary: FileSummary;
  findings: Problem[];
}

/** `file` is the name used in findings; `path` is where to read it. */
export async function lintFile(file: string, path: string, given: LintTarget | undefined, apiVersion?: string): Promise<FileLint> {
  const findings: Problem[] = [];
  const report = (line: number, p: Problem) => findings.push({ ...p, location: line === 0 ? { file } : { file, line } });

  let target = given;
  let rules: LineRule[] | undefined;
  let requests = 0;

  const startRules = (found: LintTarget) => {
    const t = apiVersion === undefined ? found : { ...found, apiVersion };
    target = t;
    rules = [];
    for (const make of lineRules) {
      const rule = make(t, report);
      if (rule) rules.push(rule);
    }
  };
  if (given) startRules(given);

  const stats = await readLines(path, {
    line(text, no) {
      if (text.length === 0) return report(no, problem(E.LineBlank, {}));
      let value: unknown;
      try {
        value = JSON.parse(text);
      } catch (e) {
        if (text.trim() === '') return report(no, problem(E.LineBlank, {}));
        requests++;
        return report(no, problem(E.LineNotJson, { reason: jsonReason(e) }));
      }
      requests++;
      if (!rules) startRules(detectTarget(value));
      if (!isObject(value)) return report(no, problem(E.LineNotObject, { got: jsonType(value) }));
      for (const rule of rules!) rule.check(value, no);
    },
    invalidUtf8(no) {
      requests++;
      report(no, problem(E.LineInvalidUtf8, {}));
    },
  });

  if (stats.bytes === 0) report(0, problem(E.FileEmpty, {}));
  if (stats.bom) report(1, problem(E.FileBom, {}));
  if (stats.crlfCount > 0) report(stats.crlfFirst, problem(E.FileCrlf, { count: stats.crlfCount }, undefined, 'warning'));
  const final = target ?? detectTarget(undefined);
  checkFileLimits(final, stats.bytes, requests, report);
  for (const rule of rules ?? []) rule.finish?.();

  // stable: the findings of one line keep the order rules ran in
  findings.sort((a, b) => (a.location!.line ?? 0) - (b.location!.line ?? 0));
  return { summary: { file, lines: stats.lines, bytes: stats.bytes, provider: final.name }, findings };
}

/**
 * JSON.parse's reason, made readable on a long line: V8 quotes the input in some messages
 * ("Unexpected token '}', "{…" is not valid JSON") — drop the quote — and counts from 0
 * ("at position 7") — say column 8 like an editor.
 */
function jsonReason(e: unknown): string {
  const raw = e instanceof Error ? e.message : String(e);
  return raw
    .replace(/, ".*" is not valid JSON$/s, '')
    .replace(/ in JSON at position (\d+)/, (_m, p: string) => ` at column ${Number(p) + 1}`)
    .replace(/ after JSON at position (\d+)/, (_m, p: string) => ` after the JSON value at column ${Number(p) + 1}`);
}
