/** What the linter reports: one finding per broken rule, located at a line (0 = the whole file). */
export interface Finding {
  /** the path as the user gave it */
  file: string;
  /** 1-based; 0 for whole-file findings */
  line: number;
  severity: 'error' | 'warning';
  /** permanent rule name, e.g. `not-json`, `custom-id-duplicate` */
  code: string;
  message: string;
}

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
  findings: Finding[];
  files: FileSummary[];
}

/** A finding before it knows its file and line: what rules produce. */
export interface Verdict {
  code: string;
  severity: 'error' | 'warning';
  message: string;
}

/** Rules report through this: a verdict at a line of the file being linted. */
export type Report = (line: number, verdict: Verdict) => void;
