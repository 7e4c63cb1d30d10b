/**
 * Lints one JSONL batch file in one streaming pass: bytes and lines (read-lines.ts), JSON, then
 * the line rules of the target — given, or implied by the first line that parses — and finally
 * the whole-file limits. Memory stays flat apart from the request ids kept for duplicates.
 */
import type { FileSummary, Finding, Verdict } from './finding.js';
import { M, jsonReason } from './messages.js';
import { readLines } from './read-lines.js';
import { checkFileLimits } from './rules/check-file-limits.js';
import { type LineRule, lineRules } from './rules/index.js';
import { isObject } from './rules/rule.js';
import { type LintTarget, detectTarget } from './target.js';

export interface FileLint {
  summary: FileSummary;
  findings: Finding[];
}

/** `file` is the name used in findings; `path` is where to read it. */
export async function lintFile(file: string, path: string, given: LintTarget | undefined, apiVersion?: string): Promise<FileLint> {
  const findings: Finding[] = [];
  const report = (line: number, v: Verdict) => findings.push({ file, line, severity: v.severity, code: v.code, message: v.message });

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
      if (text.length === 0) return report(no, M.blankLine());
      let value: unknown;
      try {
        value = JSON.parse(text);
      } catch (e) {
        if (text.trim() === '') return report(no, M.blankLine());
        requests++;
        return report(no, M.notJson(jsonReason(e)));
      }
      requests++;
      if (!rules) startRules(detectTarget(value));
      if (!isObject(value)) return report(no, M.notObject(value));
      for (const rule of rules!) rule.check(value, no);
    },
    invalidUtf8(no) {
      requests++;
      report(no, M.invalidUtf8());
    },
  });

  if (stats.bytes === 0) report(0, M.emptyFile());
  if (stats.bom) report(1, M.bom());
  if (stats.crlfCount > 0) report(stats.crlfFirst, M.crlf(stats.crlfCount));
  const final = target ?? detectTarget(undefined);
  checkFileLimits(final, stats.bytes, requests, report);
  for (const rule of rules ?? []) rule.finish?.();

  // stable: the findings of one line keep the order rules ran in
  findings.sort((a, b) => a.line - b.line);
  return { summary: { file, lines: stats.lines, bytes: stats.bytes, provider: final.name }, findings };
}
