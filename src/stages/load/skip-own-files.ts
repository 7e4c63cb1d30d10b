/**
 * A glob such as `**\/*.jsonl` would read batchforge's own shards back as rows (each build then
 * doubles the last): files inside the output folder are skipped, with one note per pattern.
 */
import path from 'node:path';
import { E, problem, type Problem } from '../../errors/index.js';
import { displayPath } from '../../util/paths.js';

export function skipOwnFiles(files: string[], pattern: string, cwd: string, own: { dirs: string[]; notes: Problem[] }): string[] {
  const inside = (file: string) => own.dirs.find((d) => !path.relative(d, file).startsWith('..'));
  const kept: string[] = [];
  const skipped = new Map<string, string[]>();
  for (const file of files) {
    const dir = inside(file);
    if (dir === undefined) kept.push(file);
    else skipped.set(dir, [...(skipped.get(dir) ?? []), displayPath(file, cwd)]);
  }
  for (const [dir, list] of skipped) {
    own.notes.push(problem(E.SourceSkipsOwnFiles, { pattern, dir: `${displayPath(dir, cwd)}/`, files: list.slice(0, 5).concat(list.length > 5 ? [`… ${list.length - 5} more`] : []) }, undefined, 'warning'));
  }
  return kept;
}
