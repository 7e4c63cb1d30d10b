/** Printing helpers shared by commands: problems, numbers, tables. */
import { formatProblem, type Problem } from '../errors/index.js';
import type { Io } from './command.js';
import { formatCount } from '../util/format-count.js';

export function printProblems(io: Io, problems: readonly Problem[]): void {
  for (const p of problems) io.stderr.write(formatProblem(p, { color: io.color }) + '\n');
}

export const n = formatCount;

export function bytes(x: number): string {
  if (x < 1e3) return `${x} B`;
  if (x < 1e6) return `${(x / 1e3).toFixed(1)} kB`;
  if (x < 1e9) return `${(x / 1e6).toFixed(1)} MB`;
  return `${(x / 1e9).toFixed(2)} GB`;
}

/** A plain table: first column left-aligned, the rest right-aligned. */
export function table(head: string[], rows: string[][]): string {
  const all = [head, ...rows];
  const widths = head.map((_, i) => Math.max(...all.map((r) => (r[i] ?? '').length)));
  return all
    .map((r) => r.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ').trimEnd())
    .join('\n');
}
