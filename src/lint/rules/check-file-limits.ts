/** Whole-file limits of the provider: bytes per file and requests per file (line 0 findings). */
import type { Report } from '../finding.js';
import { M } from '../messages.js';
import type { LintTarget } from '../target.js';

export function checkFileLimits(target: LintTarget, bytes: number, requests: number, report: Report): void {
  const limits = target.profile?.limits;
  if (!limits) return;
  if (bytes > limits.maxBytes) report(0, M.tooManyBytes(bytes, limits.maxBytes, target.name));
  if (limits.maxLines !== undefined && requests > limits.maxLines) {
    report(0, M.tooManyLines(requests, limits.maxLines, target.name));
  }
  // a job below the provider's minimum (Bedrock's default quota) is refused at submission
  if (limits.minLines !== undefined && requests > 0 && requests < limits.minLines) report(0, M.tooFewLines(requests, limits.minLines, target.name));
}
