/**
 * Errors are data: a Problem says what went wrong (message), where (location) and what to do
 * (hint). Stages collect Problems; only the CLI boundary turns them into text and exit codes.
 */
export type ProblemKind =
  /** bad command line: exit 2 */
  | 'usage'
  /** bad config, missing template or source file: exit 2 */
  | 'config'
  /** a row, a request or a file that fails a rule: exit 1 */
  | 'data';

export interface Location {
  /** path as the user knows it: relative to the working directory when inside it, posix separators */
  file: string;
  /** 1-based */
  line?: number;
  /** 1-based */
  column?: number;
  /** config key path such as `source.path` or `messages[1].content` */
  path?: string;
}

export interface Problem {
  /** permanent name from the catalogue, e.g. `template-missing-field` */
  code: string;
  kind: ProblemKind;
  severity: 'error' | 'warning';
  message: string;
  hint?: string;
  location?: Location;
  /** a small source excerpt with a caret, for config errors */
  frame?: string;
}

/** Thrown where a stage cannot go on; carries every problem found so far. */
export class BatchforgeError extends Error {
  readonly problems: Problem[];
  constructor(problems: Problem | Problem[]) {
    const list = Array.isArray(problems) ? problems : [problems];
    super(list.map((p) => p.message).join('\n'));
    this.name = 'BatchforgeError';
    this.problems = list;
  }
}

export function isBatchforgeError(e: unknown): e is BatchforgeError {
  return e instanceof BatchforgeError;
}

/** Exit code for a set of problems: 2 when any is a usage/config error, 1 for data errors, 0 when only warnings. */
export function exitCodeFor(problems: readonly Problem[]): 0 | 1 | 2 {
  const errors = problems.filter((p) => p.severity === 'error');
  if (errors.length === 0) return 0;
  return errors.some((p) => p.kind === 'usage' || p.kind === 'config') ? 2 : 1;
}
