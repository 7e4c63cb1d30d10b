/** Whole-file limits of the provider: bytes per file and requests per file (line 0 findings). */
import type { Report } from '../finding.js';
import { E, problem } from '../../errors/index.js';
import type { LintTarget } from '../target.js';

export function checkFileLimits(target: LintTarget, bytes: number, requests: number, report: Report): void {
  const limits = target.profile?.limits;
  if (!limits) return;
  if (bytes > limits.maxBytes) report(0, problem(E.FileTooLarge, { bytes, max: limits.maxBytes, provider: target.name }));
  if (limits.maxLines !== undefined && requests > limits.maxLines) {
    report(0, problem(E.FileTooManyRequests, { lines: requests, max: limits.maxLines, provider: target.name }));
  }
  // a job below the provider's minimum (Bedrock's default quota) is refused at submission
  if (limits.minLines !== undefined && requests > 0 && requests < limits.minLines) report(0, problem(E.FewRecords, { records: requests, min: limits.minLines, provider: target.name }, undefined, 'warning'));
}
