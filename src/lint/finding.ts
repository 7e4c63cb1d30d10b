/** What the linter takes and returns; its findings are catalogue Problems (src/errors). */
import type { Problem } from '../errors/index.js';

export interface LintOptions {
  /** a provider name from the registry or a line family name; default: implied by the first line */
  provider?: string;
  /** the API version the files will be sent with (anthropic); default: the provider's default */
  apiVersion?: string;
  /** warnings fail too (only the exit code changes) */
  strict?: boolean;
  /** lint files on a second thread too: default when there are several files of 16 MB or more */
  threads?: boolean;
}

export interface FileSummary {
  file: string;
  lines: number;
  bytes: number;
  /** the provider (or, when no profile is registered for it, the line family) the file was checked against */
  provider: string;
}

export interface LintResult {
  /** catalogue Problems located at `{file, line}`; a whole-file finding has no line */
  findings: Problem[];
  files: FileSummary[];
}

/** Rules report through this: a problem (a catalogue entry, no location yet) at a line of the file being linted, 0 for the whole file. */
export type Report = (line: number, problem: Problem) => void;
