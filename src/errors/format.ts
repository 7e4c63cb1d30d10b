/** The one printer: a Problem becomes `file:line:col path: message` plus a frame and a hint. */
import type { Location, Problem } from './problem.js';

export function formatLocation(loc: Location): string {
  let s = loc.file;
  if (loc.line !== undefined) {
    s += `:${loc.line}`;
    if (loc.column !== undefined) s += `:${loc.column}`;
  }
  if (loc.path) s += ` ${loc.path}`;
  return s;
}

export interface FormatOptions {
  /** include `hint:` lines (default true) */
  hints?: boolean;
  color?: boolean;
}

export function formatProblem(p: Problem, opts: FormatOptions = {}): string {
  const paint = (code: string, s: string) => (opts.color ? `\u001b[${code}m${s}\u001b[0m` : s);
  const where = p.location ? `${formatLocation(p.location)}: ` : '';
  const label = p.severity === 'warning' ? paint('33', 'warning') + ': ' : '';
  let out = `${where}${label}${p.message}`;
  if (p.frame) out += `\n${p.frame}`;
  if (p.hint && opts.hints !== false) out += `\n  ${paint('2', `hint: ${p.hint}`)}`;
  return out;
}

/** A two-line code frame: the source line and a caret under the column. */
export function codeFrame(source: string, line: number, column: number): string {
  const lines = source.split(/\r?\n/);
  const text = lines[line - 1];
  if (text === undefined) return '';
  const gutter = `${line} | `;
  return `  ${gutter}${text}\n  ${' '.repeat(gutter.length)}${' '.repeat(Math.max(0, column - 1))}^`;
}
