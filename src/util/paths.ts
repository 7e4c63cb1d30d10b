import path from 'node:path';

/** A path as the user knows it: relative to `base` when inside it, with posix separators. */
export function displayPath(file: string, base: string): string {
  const rel = path.relative(base, file);
  const inside = rel !== '' && rel !== '..' && !rel.startsWith(`..${path.sep}`) && !path.isAbsolute(rel);
  return (inside ? rel : file).split(path.sep).join('/');
}
