import path from 'node:path';

/** A path as the user knows it: relative to `base` when inside it, with posix separators. */
export function displayPath(file: string, base: string): string {
  const rel = path.relative(base, file);
  const shown = rel && !rel.startsWith('..') && !path.isAbsolute(rel) ? rel : file;
  return shown.split(path.sep).join('/');
}
