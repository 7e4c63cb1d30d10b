/**
 * Config source patterns → the files to read, in a deterministic order: pattern order, then
 * sorted by path within a glob, each file once. Display names are relative to the working
 * directory when inside it, with posix separators, because they appear in messages and rejects.
 */
import { stat } from 'node:fs/promises';
import { resolve } from 'node:path';
import { glob, isDynamicPattern } from 'tinyglobby';
import { BatchforgeError, E, problem, type Problem } from '../../errors/index.js';
import { skipOwnFiles } from './skip-own-files.js';
import { formatFromPath, type SourceFormat } from './source-format.js';
import type { SourceFile } from './source-file.js';
import { displayPath } from '../../util/paths.js';

export async function resolveSources(
  baseDir: string,
  patterns: string[],
  cwd: string,
  format?: SourceFormat,
  /** batchforge's own folders (output and state): globs skip what is inside them, with a note */
  own?: { dirs: string[]; notes: Problem[] },
): Promise<SourceFile[]> {
  const seen = new Set<string>();
  const files: SourceFile[] = [];
  for (const pattern of patterns) {
    let matches = isDynamicPattern(pattern) ? await globFiles(baseDir, pattern) : await literalFile(baseDir, pattern);
    if (own && isDynamicPattern(pattern)) matches = skipOwnFiles(matches, pattern, cwd, own);
    if (matches.length === 0) throw new BatchforgeError(problem(E.SourceMissing, { pattern }));
    for (const path of matches) {
      if (seen.has(path)) continue;
      seen.add(path);
      const display = displayPath(path, cwd);
      const fileFormat = format ?? formatFromPath(path);
      if (fileFormat === undefined) throw new BatchforgeError(problem(E.SourceFormatUnknown, { file: display }));
      files.push({ path, display, format: fileFormat });
    }
  }
  return files;
}

async function globFiles(baseDir: string, pattern: string): Promise<string[]> {
  const found = await glob(pattern, { cwd: baseDir, absolute: true, onlyFiles: true, expandDirectories: false });
  // plain code-unit order, the same on every machine and locale
  return found.map((p) => resolve(p)).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

async function literalFile(baseDir: string, pattern: string): Promise<string[]> {
  const path = resolve(baseDir, pattern);
  try {
    return (await stat(path)).isFile() ? [path] : [];
  } catch {
    return [];
  }
}
